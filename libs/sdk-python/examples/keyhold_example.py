"""A small end-user program: log in on this machine, print the subscription and its expiry, download a file.

python3 keyhold_example.py --url https://licensing.example.com --api-key ak_... --app-id app_... \
    --jwks jwks.json --username alice --password secret [--file file_... --out tool.bin] [--hwid-only]

jwks.json is the app's JWK Set, saved once (the dashboard, or GET /v1/client/jwks) and shipped with
the program: every answer is verified against it.
"""

import argparse
import json
import sys

from keyhold import Client, KeyholdError, SignatureError, hardware_id


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", required=True)
    p.add_argument("--api-key", required=True)
    p.add_argument("--app-id", required=True)
    p.add_argument("--jwks")
    p.add_argument("--username")
    p.add_argument("--password")
    p.add_argument("--file")
    p.add_argument("--out")
    p.add_argument("--hwid-only", action="store_true", help="print this machine's hardware id for the app and exit")
    args = p.parse_args(argv)

    hwid = hardware_id(args.app_id)
    if args.hwid_only:
        print(hwid)
        return 0
    if not (args.jwks and args.username and args.password):
        p.error("--jwks, --username and --password are required")
    with open(args.jwks, encoding="utf-8") as f:
        jwks = json.load(f)

    client = Client(args.url, args.api_key, jwks=jwks, app_id=args.app_id)
    try:
        user = client.login(args.username, args.password, hwid).user
        print(f"logged in as {user.username}")
        print(f"subscription: {user.subscription or 'none'}")
        print(f"expires: {user.expires_at or 'never'}")
        if args.file:
            done = client.download_file(args.file, args.out or args.file)
            print(f"downloaded: {done.path} ({done.size} bytes, sha256 {done.sha256})")
        client.logout()
    except KeyholdError as e:
        reason = f" [{e.reason}]" if isinstance(e, SignatureError) else ""
        print(f"error: {e.code} ({e.status}): {e.message}{reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
