import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOf, ROLES, roleHas } from './permissions.ts';

describe('role permissions', () => {
  it('give analysts and partners no access to any record of a person', () => {
    for (const role of ['analyst', 'partner'] as const) {
      expect(roleHas(role, 'contacts:read')).toBe(false);
      expect(roleHas(role, 'contacts:create')).toBe(false);
      expect(roleHas(role, 'audit:read')).toBe(false);
    }
  });

  it('reserve account management and the audit trail for admins', () => {
    for (const role of ROLES) {
      expect(roleHas(role, 'users:manage'), role).toBe(role === 'admin');
      expect(roleHas(role, 'audit:read'), role).toBe(role === 'admin');
    }
  });

  it('give meldcode organisation roles no Veilig Thuis record, and only the aandachtsfunctionaris all dossiers', () => {
    for (const role of ['professional', 'aandachtsfunctionaris'] as const) {
      expect(permissionsOf(role).filter((p) => !p.startsWith('meldcode:')), role).toEqual([]);
    }
    expect(ROLES.filter((r) => roleHas(r, 'meldcode:supervise'))).toEqual(['aandachtsfunctionaris']);
  });

  it('only name permissions that exist', () => {
    for (const role of ROLES) for (const p of permissionsOf(role)) expect(Object.keys(PERMISSIONS)).toContain(p);
  });
});
