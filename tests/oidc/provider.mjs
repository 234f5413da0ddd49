// A real OpenID Provider for the tests (the certified `oidc-provider` package), on
// loopback ports: never a mock of the protocol.
//
// Usage: node provider.mjs REDIRECT_URI [REDIRECT_URI...]
// Prints one line of JSON with the two issuers, then serves until stdin closes:
//   main:  the provider the desk trusts; accounts sign in with any password
//          (oidc-provider's development login form, the login being the account id).
//   rogue: another provider with its own keys and issuer that claims, in its discovery
//          document, to be the issuer it is configured as (a look-alike).
// Test controls on the main provider (loopback only, JSON):
//   POST /test/accounts/ID {"groups": [...], "email": ..., "name": ...}  set an account
//   POST /test/mode {"mode": "normal" | "tamper" | "nonce"}
//     tamper: the token endpoint's ID token has one claim changed after signing;
//     nonce:  the authorization request's nonce is replaced before the provider sees it.
import http from 'node:http';
import Provider from 'oidc-provider';

const redirectUris = process.argv.slice(2);
const accounts = new Map();
let mode = 'normal';

function account(id) {
  if (!accounts.has(id)) accounts.set(id, { groups: [], email: `${id}@example.test`, name: id });
  return accounts.get(id);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

function configuration() {
  return {
    clients: [{
      client_id: 'tilstede',
      client_secret: 'test-secret-of-the-desk',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: ['groups'],
    },
    // The groups claim in the ID token too, as Entra ID sends it.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ['tilstede-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      const a = account(id);
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: a.email,
            email_verified: true,
            name: a.name,
            preferred_username: id,
            groups: [...a.groups],
          };
        },
      };
    },
    // First-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const found = await ctx.oidc.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  };
}

function tamper(idToken) {
  const [header, payload, signature] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  claims.groups = ['tilstede-administrators'];
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

async function start(issuerFor, { controls, claimIssuer }) {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuerFor(port), configuration());
  provider.use(async (ctx, next) => {
    if (controls && ctx.method === 'POST' && ctx.path.startsWith('/test/')) {
      const body = await readJson(ctx.req);
      if (ctx.path === '/test/mode') {
        mode = body.mode;
      } else {
        const id = decodeURIComponent(ctx.path.slice('/test/accounts/'.length));
        Object.assign(account(id), body);
      }
      ctx.body = { ok: true };
      return;
    }
    if (controls && mode === 'nonce' && ctx.path === '/auth' && ctx.query.nonce) {
      ctx.query = { ...ctx.query, nonce: 'a-nonce-the-desk-never-sent' };
    }
    await next();
    if (controls && mode === 'tamper' && ctx.path === '/token' && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: tamper(ctx.body.id_token) };
    }
    if (claimIssuer && ctx.path === '/.well-known/openid-configuration' && ctx.body) {
      ctx.body = { ...ctx.body, issuer: base };
    }
  });
  server.on('request', provider.callback());
  return base;
}

const main = await start((port) => `http://127.0.0.1:${port}`, { controls: true });
const rogue = await start((port) => `http://localhost:${port}`, { claimIssuer: true });
process.stdout.write(`${JSON.stringify({ main, rogue })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
