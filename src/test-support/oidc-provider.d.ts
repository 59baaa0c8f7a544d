// The part of oidc-provider (a test-only OpenID Connect provider) that oidc.int.test.ts uses; the
// package ships no types of its own.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }
  interface Interaction {
    uid: string;
    params: Record<string, unknown>;
  }
  interface ProviderConfiguration {
    clients: Record<string, unknown>[];
    pkce?: { required: () => boolean };
    features?: Record<string, unknown>;
    claims?: Record<string, string[]>;
    cookies?: { keys: string[] };
    findAccount(ctx: unknown, sub: string): Promise<Account | undefined>;
    interactions?: { url(ctx: unknown, interaction: Interaction): string };
  }
  class Grant {
    constructor(init: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }
  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration);
    Grant: typeof Grant;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  }
}
