#!/usr/bin/env python3
"""Writes the gateway-rewritten link fixtures of this folder (see README.md).

One phishing link, https://evil-login.example/m365/login?user=alice&next=%2Fhome, wrapped by each mail
gateway Dragnet unwraps (singly and nested), in EML (HTML with `&amp;` in the href, and plain text, both
quoted-printable) and in one Graph JSON page (HTML and text bodies); plus look-alikes whose wrapped
links lead to the company's own site, and malformed wrappers. The wrappers are written here after the
formats documented in Sources/Ingest/Links/GatewayWrapper+Target.swift; the tokens are made up.

    python3 Fixtures/gateway-links/generate.py
"""
import base64
import json
import os
import quopri

HERE = os.path.dirname(os.path.abspath(__file__))
PHISH = "https://evil-login.example/m365/login?user=alice&next=%2Fhome"
SAFE = "https://www.fabrikam.example/news/2026?id=7&lang=en"


def pct(text, keep=""):
    """Percent-encodes every byte but letters, digits and `keep`."""
    out = []
    for b in text.encode():
        c = chr(b)
        out.append(c if c.isascii() and (c.isalnum() or c in keep) else "%%%02X" % b)
    return "".join(out)


def pct_lower(text):
    return "".join(s.lower() if s.startswith("%") else s for s in _split_escapes(pct(text, ".")))


def _split_escapes(text):
    i = 0
    while i < len(text):
        if text[i] == "%":
            yield text[i:i + 3]
            i += 3
        else:
            yield text[i]
            i += 1


def host_of(link):
    return link.split("://", 1)[1].split("/", 1)[0]


def safelinks(link, host="nam02.safelinks.protection.outlook.com"):
    return (f"https://{host}/?url={pct(link, '.-_~')}&data=05%7C02%7Calice%40fabrikam.example%7C5e1d7a2c9b"
            "%7C72f988bf86f141af%7C0%7C0%7C638712345678901234%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAifQ%3D%3D"
            "%7C0%7C%7C%7C&sdata=Zm9yZ2VkLXNpZ25hdHVyZQ%2F%3D&reserved=0")


def proofpoint_v1(link):
    return f"https://urldefense.proofpoint.com/v1/url?u={pct(link, '.')}&k=oIvRg1%2BdGAgO%3D%3D%0A&r=IKM5u8%0A&m=Ww6iaHO7%0A&s=d3583cfa"


def proofpoint_v2(link):
    encoded = pct(link, "./").replace("%", "-").replace("/", "_")
    return f"https://urldefense.proofpoint.com/v2/url?u={encoded}&d=DwMFaQ&c=Vxt5e0Osvvt2&r=MujLDFBJstxo&m=QJGhloAyfD0U&s=ew-rOtBFjiX1&e="


def proofpoint_v3(link, host="urldefense.com"):
    """Characters outside a safe set become `*` (one) or `**X` (a run), their values base64url after `__;`."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/:?=@,")
    runs = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    munged, replaced, i = [], [], 0
    while i < len(link):
        if link[i] in safe:
            munged.append(link[i])
            i += 1
            continue
        j = i
        while j < len(link) and link[j] not in safe and j - i < 65:
            j += 1
        run = link[i:j]
        munged.append("*" if len(run) == 1 else "**" + runs[len(run) - 2])
        replaced.append(run)
        i = j
    table = base64.urlsafe_b64encode("".join(replaced).encode()).decode().rstrip("=")
    return f"https://{host}/v3/__{''.join(munged)}__;{table}!!Vxt5e0Osvvt2gflwSlsJ5Dm!QJGhloAyfD0UZ6n8r6y9dF$"


def google(link):
    return f"https://www.google.com/url?q={pct(link, '.-_~')}&sa=D&source=editors&ust=1700000000000000&usg=AOvVaw3xF0rg"


def barracuda(link):
    return f"https://linkprotect.cudasvc.com/url?a={pct_lower(link)}&c=E,1,tE7mVqz3Yk9,,&typo=1"


def trend_micro(link):
    return (f"https://imsva91-ctp.trendmicro.com:443/wis/clicktime/v1/query?url={pct_lower(link)}"
            "&umid=E2524A00-B5CC-0A05-B020-AD885D2BD0AC&auth=9f5545adfb06cb9e-50a7b9a97de0568f")


def sophos(link):
    u = base64.b64encode(link.encode()).decode().replace("=", "%3D")
    return f"https://us-west-2.protection.sophos.com/?d={host_of(link)}&u={u}&i=NjQ0M2U3MWE4&t=eWI5V3h5bTRX&h=9ba410ca9323&s=AVNPUEhUT0NF"


def cisco(link):
    return f"https://secure-web.cisco.com/1VqOjcxMgKL3XZoWq8Hj5z-Rm2tY7uPq0aB3cD4eF5gH6iJ7kL8mN9oP0qR/{pct(link, '.-_~')}"


def trellix(link):
    return f"https://protect2.fireeye.com/v1/url?k=5bd95ebd-044267fb-5bd8d5f2-0cc47a3003e8-ce9db8ea&q=1&e=900556dc-d199-4c18&u={pct(link, '.-_~')}"


def symantec(link):
    return f"https://clicktime.symantec.com/38YrYPLxxSqYhBQLb1eruhW7Vc?u={pct(link, '.-_~')}"


def mimecast(link):
    return f"https://url.uk.m.mimecastprotect.com/s/YP9XCWQRPfDXo1NIKijuVb2y7?domain={host_of(link)}"


WRAPPERS = [
    ("safelinks", safelinks),
    ("safelinks-gcc-high", lambda t: safelinks(t, "gcc02.safelinks.protection.office365.us")),
    ("proofpoint-v1", proofpoint_v1),
    ("proofpoint-v2", proofpoint_v2),
    ("proofpoint-v3", proofpoint_v3),
    ("google", google),
    ("barracuda", barracuda),
    ("trend-micro", trend_micro),
    ("sophos", sophos),
    ("cisco", cisco),
    ("trellix", trellix),
    ("symantec", symantec),
    ("mimecast", mimecast),
    ("safelinks-around-proofpoint-v2", lambda t: safelinks(proofpoint_v2(t))),
    ("safelinks-around-proofpoint-v3", lambda t: safelinks(proofpoint_v3(t))),
    ("proofpoint-v3-around-trellix", lambda t: proofpoint_v3(trellix(t), "urldefense.us")),
    ("sophos-around-barracuda", lambda t: sophos(barracuda(t))),
]


def html_body(link, text):
    href = link.replace("&", "&amp;")
    return (f"<html><body><p>Dear Alice,</p><p>Your mailbox password expires today. "
            f"<a href=\"{href}\">{text}</a> to keep it.</p>"
            f"<p>IT Service Desk</p></body></html>")


def plain_body(link):
    return f"Dear Alice,\n\nYour mailbox password expires today. Keep it here:\n{link}\n\nIT Service Desk\n"


def eml(name, subject, content_type, body):
    encoded = quopri.encodestring(body.encode()).decode()
    return (f"From: \"IT Service Desk\" <it-desk@evil-login.example>\r\n"
            f"To: alice@fabrikam.example\r\n"
            f"Subject: {subject}\r\n"
            f"Date: Tue, 17 Nov 2026 09:15:00 +0000\r\n"
            f"Message-ID: <{name}@gateway-links.example>\r\n"
            f"MIME-Version: 1.0\r\n"
            f"Content-Type: {content_type}; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            + encoded.replace("\n", "\r\n"))


def graph_message(name, subject, content_type, content, sender="it-desk@evil-login.example"):
    return {
        "id": "AAMkAG" + name.replace("-", ""),
        "internetMessageId": f"<{name}@gateway-links.example>",
        "subject": subject,
        "from": {"emailAddress": {"name": "IT Service Desk", "address": sender}},
        "toRecipients": [{"emailAddress": {"name": "Alice", "address": "alice@fabrikam.example"}}],
        "sentDateTime": "2026-11-17T09:15:00Z",
        "receivedDateTime": "2026-11-17T09:15:02Z",
        "body": {"contentType": content_type, "content": content},
    }


def main():
    eml_dir = os.path.join(HERE, "eml")
    os.makedirs(eml_dir, exist_ok=True)
    for old in os.listdir(eml_dir):
        os.remove(os.path.join(eml_dir, old))
    messages = []
    for name, wrap in WRAPPERS:
        link = wrap(PHISH)
        with open(os.path.join(eml_dir, f"phish-{name}-html.eml"), "w", newline="") as f:
            f.write(eml(f"phish-{name}-html", "Password expiry", "text/html", html_body(link, "Keep my password")))
        with open(os.path.join(eml_dir, f"phish-{name}-plain.eml"), "w", newline="") as f:
            f.write(eml(f"phish-{name}-plain", "Password expiry", "text/plain", plain_body(link)))
        messages.append(graph_message(f"graph-phish-{name}-html", "Password expiry", "html", html_body(link, "Keep my password")))
        messages.append(graph_message(f"graph-phish-{name}-text", "Password expiry", "text", plain_body(link)))

    # Look-alikes: the same wrappers around the company's own link must not match the phish.
    for name, wrap in WRAPPERS:
        if name == "mimecast":
            continue
        link = wrap(SAFE)
        with open(os.path.join(eml_dir, f"clean-{name}.eml"), "w", newline="") as f:
            f.write(eml(f"clean-{name}", "Newsletter", "text/html", html_body(link, "Read the news")))
        messages.append(graph_message(f"graph-clean-{name}", "Newsletter", "html", html_body(link, "Read the news"), "news@fabrikam.example"))

    # Malformed wrappers: the link is cut inside its url= parameter, or Proofpoint's table is broken.
    wrapped = safelinks(PHISH)
    cut = wrapped[:wrapped.rindex("%252F") + 2]
    broken_v3 = proofpoint_v3(PHISH).replace("__;", "__;@@")
    with open(os.path.join(eml_dir, "malformed-safelinks-cut.eml"), "w", newline="") as f:
        f.write(eml("malformed-safelinks-cut", "Password expiry", "text/plain", plain_body(cut)))
    messages.append(graph_message("graph-malformed-proofpoint-v3", "Password expiry", "html", html_body(broken_v3, "Keep my password")))

    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('alice%40fabrikam.example')/messages", "value": messages}
    with open(os.path.join(HERE, "graph-messages.json"), "w") as f:
        json.dump(page, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
