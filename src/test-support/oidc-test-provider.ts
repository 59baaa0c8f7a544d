import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next login interaction: the e-mail claim and whether it is verified. */
  nextLogin(who: { email: string; verified?: boolean }): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, a certified implementation) on a free local
 * port, for tests. Its login page is automated: whoever the test named signs in and consents.
 * PKCE is required, as a careful organisation would configure it.
 */
export async function startTestIdentityProvider(redirectUri: string): Promise<TestIdentityProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'signaal';
  const clientSecret = 'test-secret-voor-signaal-oidc';
  const accounts = new Map<string, { email: string; verified: boolean }>();
  let next = { email: '', verified: true };
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['test-cookie-key-signaal'] },
    findAccount: async (_ctx, sub) => {
      const a = accounts.get(sub);
      return a ? { accountId: sub, claims: async () => ({ sub, email: a.email, email_verified: a.verified }) } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        const sub = `sub-${accounts.size + 1}`;
        accounts.set(sub, next);
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({ accountId: sub, clientId: String(details.params.client_id) });
        grant.addOIDCScope('openid email');
        const grantId = await grant.save();
        await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
      })();
      return;
    }
    void provider.callback()(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    nextLogin: (who) => {
      next = { email: who.email, verified: who.verified ?? true };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
