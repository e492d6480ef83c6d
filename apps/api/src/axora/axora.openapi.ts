import { AXORA_MESSAGES } from './axora.service';

const failure = (description: string, message: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: { authenticated: { type: 'boolean', example: false }, message: { type: 'string', example: message } },
      },
    },
  },
});

const param = (name: string, description: string, example: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', example },
});

/** The Axora route, written out for /docs (its `+`-joined path is not expressible with decorators). */
export const AXORA_OPENAPI_PATHS = {
  '/app/auth/{endpoint}+{username}+{password}+{version}+{hardware_id}': {
    get: {
      tags: ['Axora'],
      summary: 'Axora single-URL authentication',
      description: [
        'The whole request is the URL: `GET /app/auth/{endpoint}+{username}+{password}+{version}` and, when the app',
        'restricts login access to a single device per user account, `+{hardware_id}` (without it: 400).',
        '',
        '**Encoding rule.** The part after `/app/auth/` is split on literal `+` first, then each part is',
        "percent-decoded. A `+` inside a value must therefore be sent as `%2B` (what Python's `urllib.parse.quote`",
        'does); `%20`, `%26`, `%3D`, `%25` and UTF-8 escapes arrive intact; a raw `%` that is not an escape is kept as',
        'is. Parameters are case-sensitive. Four or five parts; anything else is 400.',
        '',
        'Answers are **not** wrapped in the envelope. A success records `user.login` like the client API; it opens',
        "no session (Axora answers no token). Credentials are the app's end users: a banned user, or a user whose",
        'license key is banned, is "disabled" (401); the seller resets the bound',
        'hardware id with `PATCH /v1/admin/users/:id {"resetHwid": true}`. Rate limited per endpoint and IP',
        '(RATE_LIMIT_CLIENT_PER_MIN).',
      ].join('\n'),
      parameters: [
        param('endpoint', "The app's Axora endpoint id", 'aSJpwdxP8n90xbFv1Rs2'),
        param('username', 'Percent-encoded', 'tanish'),
        param('password', 'Percent-encoded; `+` as `%2B`', 'toomuchpain'),
        param('version', "The client's version; must equal the app's when version enforcement is on", '3.7.4'),
        {
          ...param('hardware_id', 'Only when the app has the device lock on (leave out `+{hardware_id}` otherwise)', 'L5J3K4H7N8'),
          required: false,
        },
      ],
      responses: {
        200: {
          description: 'Authenticated',
          content: {
            'application/json': {
              example: {
                authenticated: true,
                app_id: 'app_0f6c1d2e3b4a59687766554433221100',
                app_name: 'My App',
                endpoint: 'aSJpwdxP8n90xbFv1Rs2',
                message: 'Authentication successful',
              },
            },
          },
        },
        400: failure('Malformed URL, or no hardware id while the device lock is on', AXORA_MESSAGES.malformed),
        401: failure('Unknown username, wrong password, or a disabled (banned) credential', AXORA_MESSAGES.credentialInvalid),
        403: failure(
          `"${AXORA_MESSAGES.otherDevice}" (bound hardware id differs); "${AXORA_MESSAGES.expired}"; "${AXORA_MESSAGES.blacklisted}"`,
          AXORA_MESSAGES.otherDevice,
        ),
        404: failure('No app with this endpoint, or the app is disabled', AXORA_MESSAGES.appNotFound),
        426: failure("Version enforcement is on and the client's version differs", 'Update required. Current version: 3.7.4'),
        429: failure('Rate limited', 'Too many requests, try again later'),
      },
    },
  },
};
