import { describe, expect, it } from 'vitest';
import { resetCodeHash } from './password.ts';
import { ipPrefix } from './session.service.ts';

describe('the address kept with a session', () => {
  it('is only a network prefix, never the full address', () => {
    expect(ipPrefix('192.168.10.23')).toBe('192.168.10.0/24');
    expect(ipPrefix('::ffff:10.1.2.3')).toBe('10.1.2.0/24');
    expect(ipPrefix('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd::/48');
    expect(ipPrefix(undefined)).toBeNull();
  });
});

describe('a reset code', () => {
  it('matches when read out with spaces or dashes, and only then', () => {
    expect(resetCodeHash('abcde-FGHJK-23456')).toBe(resetCodeHash('abcde FGHJK 23456'));
    expect(resetCodeHash('abcdeFGHJK23456')).toBe(resetCodeHash('abcde-FGHJK-23456'));
    expect(resetCodeHash('abcde-fghjk-23456')).not.toBe(resetCodeHash('abcde-FGHJK-23456'));
  });
});
