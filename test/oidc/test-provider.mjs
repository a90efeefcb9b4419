// A real OpenID Connect provider (panva's oidc-provider) for the tests: the API's integration suite and
// the browser test start it as a child process. Its development interactions (a login form taking any
// login and password, then a consent form) stand in for La Poste's sign-in pages; the accounts and their
// claims come from the environment:
//   OIDC_TEST_PORT           port on 127.0.0.1
//   OIDC_TEST_REDIRECT_URIS  comma-separated callback URLs of the one client
//   OIDC_TEST_CLIENT_ID / OIDC_TEST_CLIENT_SECRET
//   OIDC_TEST_ACCOUNTS       JSON: { "<login>": { email, email_verified, name, lp_roles } }
// It prints "ready <issuer>" once it listens.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT ?? 3230);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_TEST_ACCOUNTS ?? '{}');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.OIDC_TEST_CLIENT_ID ?? 'lieux-partages',
      client_secret: process.env.OIDC_TEST_CLIENT_SECRET ?? 'test-client-secret',
      redirect_uris: (process.env.OIDC_TEST_REDIRECT_URIS ?? '').split(',').filter(Boolean),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  // The role claim travels in the ID token with the profile scope, as the group's provider would send it.
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'lp_roles'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, sub) {
    const account = accounts[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account }) };
  },
});
// The development interactions warn on every start; the tests know.
provider.on('server_error', (ctx, err) => console.error('oidc-provider server_error', err));

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
process.on('SIGTERM', () => process.exit(0));
