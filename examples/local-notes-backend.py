"""The backend of examples/local-notes: a notes API and its OAuth 2 provider on 127.0.0.1:9000.

Standard library only. The provider "consents" at once: /authorize redirects straight back
with a code; /token exchanges it only with the PKCE verifier of the challenge /authorize got,
and refreshes with the refresh token. The API answers only bearers of tokens it issued.
"""
import base64
import hashlib
import http.server
import json
import secrets
import urllib.parse

CODES = {}  # code -> (code_challenge, redirect_uri)
TOKENS = set()
REFRESH = set()
NOTES = [{"id": 3, "text": "Ship the registry"}, {"id": 2, "text": "Write the README"},
         {"id": 1, "text": "Try Switchboard"}]


def issue():
    access, refresh = "at-" + secrets.token_urlsafe(16), "rt-" + secrets.token_urlsafe(16)
    TOKENS.add(access)
    REFRESH.add(refresh)
    return {"access_token": access, "refresh_token": refresh, "token_type": "Bearer",
            "expires_in": 3600, "scope": "notes.read"}


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, body=None, headers=()):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/authorize":
            if query.get("code_challenge_method") != "S256" or "redirect_uri" not in query:
                return self.answer(400, {"error": "invalid_request"})
            code = secrets.token_urlsafe(16)
            CODES[code] = (query["code_challenge"], query["redirect_uri"])
            back = query["redirect_uri"] + "?" + urllib.parse.urlencode(
                {"code": code, "state": query.get("state", "")})
            return self.answer(302, headers=[("Location", back)])
        bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
        if bearer not in TOKENS:
            return self.answer(401, {"error": "invalid_token"})
        if url.path == "/ping":
            return self.answer(200, {"pong": True})
        if url.path == "/notes":
            return self.answer(200, {"notes": NOTES[: int(query.get("top", 10))]})
        return self.answer(404, {"error": "not_found"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        if self.path != "/token":
            return self.answer(404, {"error": "not_found"})
        if form.get("grant_type") == "authorization_code":
            challenge, redirect_uri = CODES.pop(form.get("code"), (None, None))
            verifier = form.get("code_verifier", "").encode()
            expected = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if challenge is None or expected.decode() != challenge \
                    or form.get("redirect_uri") != redirect_uri:
                return self.answer(400, {"error": "invalid_grant"})
            return self.answer(200, issue())
        if form.get("grant_type") == "refresh_token" and form.get("refresh_token") in REFRESH:
            REFRESH.discard(form["refresh_token"])
            return self.answer(200, issue())
        return self.answer(400, {"error": "invalid_grant"})


http.server.HTTPServer(("127.0.0.1", 9000), Handler).serve_forever()
