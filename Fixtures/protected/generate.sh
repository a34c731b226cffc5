#!/usr/bin/env bash
# Writes the encrypted, signed and rights-protected fixtures of this folder (see README.md).
#
# Usage:  bash Fixtures/protected/generate.sh
#
# Needs openssl (S/MIME through `openssl smime` / `openssl cms`) and gpg (OpenPGP). The keys are
# throwaway: made in a temporary folder for this run and deleted with it, never committed. Keys,
# IVs and signing times differ on every run, so the output is not byte-identical: after running
# this, re-record the golden files (RECORD_GOLDENS=1 swift test --filter "ProtectedContentTests|ProtectedMailTests") and review
# the diff. Files are written with LF line endings (the tests derive CRLF forms themselves).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)/mail/analyst@fabrikam.example/Inbox"
mkdir -p "$HERE"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# ---------------------------------------------------------------------------- keys (throwaway)
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 3650 \
    -subj "/CN=Fixture Analyst/emailAddress=analyst@fabrikam.example" 2>/dev/null
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-generate-key 'Fixture Analyst <analyst@fabrikam.example>' rsa2048 encr,sign never 2>/dev/null

# ---------------------------------------------------------------------------- helpers
# envelope SUBJECT ID: the header fields every fixture shares.
envelope() {
    printf 'From: "Accounts Payable" <ap@northwind-billing.example>\n'
    printf 'To: analyst@fabrikam.example\n'
    printf 'Subject: %s\n' "$1"
    printf 'Date: Thu, 19 Nov 2026 10:03:00 +0000\n'
    printf 'Message-ID: <%s@northwind-billing.example>\n' "$2"
}
lf() { tr -d '\r'; }

# The secret: what the sender wrote, as a MIME entity (CRLF, as S/MIME signs and encrypts it).
printf 'Content-Type: text/plain; charset=utf-8\r\n\r\nPlease send the wire transfer for INV-20931 today.\r\nPay here: https://northwind-payments.example/pay\r\n' > secret.txt
# A larger one (over 8 KB) so that BER streaming cuts the signed content into several segments.
{
    printf 'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
    printf 'Please send the wire transfer for INV-20931 today.\r\nPay here: https://northwind-payments.example/pay\r\n'
    for i in $(seq 1 130); do printf 'Line %02d of the remittance advice, kept for the audit trail.\r\n' "$i"; done
    printf '\r\n--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Please send the <b>wire transfer</b> for INV-20931 today.</p>\r\n<p><a href="https://northwind-payments.example/pay">Pay here</a></p>\r\n--alt--\r\n'
} > secret-large.txt

# ---------------------------------------------------------------------------- S/MIME
# Enveloped (RFC 8551 sec. 3.3): application/pkcs7-mime; smime-type=enveloped-data.
{ envelope "Quarterly invoice INV-20931" smime-enveloped; openssl smime -encrypt -aes256 -in secret.txt cert.pem | lf; } > "$HERE/smime-enveloped.eml"

# The older x- type with no smime-type parameter: only the CMS content type says it is encrypted.
{ envelope "Payment details" smime-enveloped-x-type
  printf 'MIME-Version: 1.0\nContent-Type: application/x-pkcs7-mime; name="smime.p7m"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="smime.p7m"\n\n'
  openssl smime -encrypt -aes256 -outform DER -in secret.txt cert.pem | base64 -w 64; } > "$HERE/smime-enveloped-x-type.eml"

# AuthEnvelopedData (RFC 5083, AES-GCM): smime-type=authEnveloped-data.
{ envelope "Payment details (GCM)" smime-authenveloped; openssl cms -encrypt -aes-128-gcm -in secret.txt cert.pem | lf; } > "$HERE/smime-authenveloped.eml"

# Signed, then encrypted: the signature is inside the encryption, so nothing can be read.
openssl smime -sign -nodetach -in secret.txt -signer cert.pem -inkey key.pem > signed-entity.txt
{ envelope "Payment details (signed and encrypted)" smime-signed-encrypted; openssl smime -encrypt -aes256 -in signed-entity.txt cert.pem | lf; } > "$HERE/smime-signed-then-encrypted.eml"

# Opaque-signed (RFC 8551 sec. 3.5.2): the content is inside the CMS SignedData, DER (definite lengths).
{ envelope "Payment details (opaque-signed)" smime-opaque-signed; openssl smime -sign -nodetach -in secret.txt -signer cert.pem -inkey key.pem | lf; } > "$HERE/smime-opaque-signed.eml"

# Opaque-signed, streamed: BER with indefinite lengths and the content cut into OCTET STRING segments.
{ envelope "Payment details (opaque-signed, BER)" smime-opaque-signed-ber
  printf 'MIME-Version: 1.0\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="smime.p7m"\n\n'
  openssl cms -sign -nodetach -stream -binary -in secret-large.txt -signer cert.pem -inkey key.pem -outform DER | base64 -w 64; } > "$HERE/smime-opaque-signed-ber.eml"

# Clear-signed (multipart/signed): readable as it is.
{ envelope "Payment details (clear-signed)" smime-clear-signed; openssl smime -sign -in secret.txt -signer cert.pem -inkey key.pem | lf; } > "$HERE/smime-clear-signed.eml"

# A signed file, not a signed message: an Italian-style invoice.xml.p7m attachment. Its content is
# XML, not a MIME entity, so it stays an attachment and nothing is hidden.
printf '<?xml version="1.0"?>\n<Invoice><Number>INV-77001</Number></Invoice>\n' > invoice.xml
{ envelope "Invoice INV-77001 (signed XML)" signed-xml-attachment
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="mix"\n\n--mix\nContent-Type: text/plain; charset=utf-8\n\nThe signed invoice is attached.\n\n--mix\n'
  printf 'Content-Type: application/pkcs7-mime; name="invoice.xml.p7m"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="invoice.xml.p7m"\n\n'
  openssl cms -sign -nodetach -binary -in invoice.xml -signer cert.pem -inkey key.pem -outform DER | base64 -w 64
  printf '\n--mix--\n'; } > "$HERE/signed-xml-attachment.eml"

# An encrypted message forwarded as an attachment under a readable note.
{ envelope "Fwd: Payment details" forwarded-encrypted
  printf 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="fwd"\n\n--fwd\nContent-Type: text/plain; charset=utf-8\n\nIs this wire transfer request genuine? Forwarding the encrypted original.\n\n--fwd\nContent-Type: message/rfc822\nContent-Disposition: attachment; filename="original.eml"\n\n'
  lf < "$HERE/smime-enveloped-x-type.eml"
  printf '\n--fwd--\n'; } > "$HERE/forwarded-encrypted.eml"

# A pkcs7-mime part whose base64 decodes to something that is not CMS.
{ envelope "Payment details (damaged)" smime-malformed
  printf 'MIME-Version: 1.0\nContent-Type: application/pkcs7-mime; smime-type=signed-data; name="smime.p7m"\nContent-Transfer-Encoding: base64\n\n'
  printf 'This is not a CMS structure at all, only text.' | base64 -w 64; } > "$HERE/smime-malformed.eml"

# ---------------------------------------------------------------------------- OpenPGP
gpg --batch --quiet --trust-model always --armor --encrypt -r analyst@fabrikam.example -o pgp-message.asc secret.txt

# PGP/MIME (RFC 3156 sec. 4).
{ envelope "Payment details (PGP/MIME)" pgp-mime-encrypted
  printf 'MIME-Version: 1.0\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="pgp"\n\nThis is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\n--pgp\nContent-Type: application/pgp-encrypted\nContent-Description: PGP/MIME version identification\n\nVersion: 1\n\n--pgp\nContent-Type: application/octet-stream; name="encrypted.asc"\nContent-Description: OpenPGP encrypted message\nContent-Disposition: inline; filename="encrypted.asc"\n\n'
  lf < pgp-message.asc
  printf '\n--pgp--\n'; } > "$HERE/pgp-mime-encrypted.eml"

# Inline PGP in a plain-text body, as written.
{ envelope "Payment details (inline PGP)" pgp-inline
  printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nHello, the details are below.\n\n'
  lf < pgp-message.asc; } > "$HERE/pgp-inline.eml"

# Inline PGP in a base64-encoded body (mailers that encode every body).
{ envelope "Payment details (inline PGP, base64)" pgp-inline-base64
  printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n'
  { printf 'Hello, the details are below.\r\n\r\n'; cat pgp-message.asc; } | base64 -w 76; } > "$HERE/pgp-inline-base64.eml"

# Inline PGP clear-signed text: signed only, readable.
printf 'Please send the wire transfer for INV-20931 today.\nPay here: https://northwind-payments.example/pay\n' > clear.txt
gpg --batch --quiet --clearsign -o clear.asc clear.txt
{ envelope "Payment details (PGP clear-signed)" pgp-clearsigned
  printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n'
  lf < clear.asc; } > "$HERE/pgp-clearsigned.eml"

# ---------------------------------------------------------------------------- Microsoft rights management
# Written by hand after MS-OXORMMS: a notice body and the protected message in message.rpmsg, whose
# bytes start with the rpmsg prefix and a first block header (the compressed storage here is random).
{ printf '\x76\xe8\x04\x60\xc4\x11\xe3\x86\xa0\x0f\x00\x00\x00\x10\x00\x00\x00\x01\x00\x00'; head -c 256 /dev/urandom; } > message.rpmsg
{ envelope "Payment details (protected)" rpmsg
  printf 'MIME-Version: 1.0\nContent-Class: rpmsg.message\nContent-Type: multipart/mixed; boundary="rpmsg"\n\n--rpmsg\nContent-Type: text/plain; charset=us-ascii\n\n'
  printf 'This message is protected with Microsoft Rights Management. Open it in Outlook to read it.\n\n--rpmsg\n'
  printf 'Content-Type: application/x-microsoft-rpmsg-message; name="message.rpmsg"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="message.rpmsg"\n\n'
  base64 -w 76 message.rpmsg
  printf '\n--rpmsg--\n'; } > "$HERE/rpmsg.eml"

# ---------------------------------------------------------------------------- Graph JSON
# Exchange keeps an S/MIME message as a message whose attachment smime.p7m holds the MIME entity
# (MS-OXOSMIME), with an empty body; a rights-managed message keeps message.rpmsg beside a notice.
# graph_message ID SUBJECT BODY ATTACHMENT-NAME CONTENT-TYPE CONTENT-FILE
graph_message() {
    printf '{"id":"%s","internetMessageId":"<%s@northwind-billing.example>","subject":"%s","sentDateTime":"2026-11-19T10:03:00Z",' "$1" "$1" "$2"
    printf '"from":{"emailAddress":{"name":"Accounts Payable","address":"ap@northwind-billing.example"}},'
    printf '"toRecipients":[{"emailAddress":{"address":"analyst@fabrikam.example"}}],"hasAttachments":true,'
    printf '"body":{"contentType":"html","content":"%s"},' "$3"
    printf '"attachments":[{"@odata.type":"#microsoft.graph.fileAttachment","name":"%s","contentType":"%s","isInline":false,"contentBytes":"%s"}]}' \
        "$4" "$5" "$(base64 -w 0 "$6")"
}
# The MIME entity of each S/MIME message: the fixture without its envelope lines.
sed '1,5d' "$HERE/smime-enveloped.eml" > graph-enveloped.txt
sed '1,5d' "$HERE/smime-opaque-signed.eml" > graph-opaque-signed.txt
sed '1,5d' "$HERE/smime-clear-signed.eml" > graph-clear-signed.txt
openssl smime -encrypt -aes256 -outform DER -in secret.txt cert.pem > graph-enveloped.der
{
    printf '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users(%s)/messages","value":[' "'analyst%40fabrikam.example'"
    graph_message graph-smime-enveloped "Payment details (Graph, S/MIME encrypted)" "" smime.p7m application/pkcs7-mime graph-enveloped.txt; printf ','
    graph_message graph-smime-der "Payment details (Graph, bare CMS)" "" smime.p7m application/pkcs7-mime graph-enveloped.der; printf ','
    graph_message graph-smime-opaque-signed "Payment details (Graph, opaque-signed)" "" smime.p7m application/pkcs7-mime graph-opaque-signed.txt; printf ','
    graph_message graph-smime-clear-signed "Payment details (Graph, clear-signed)" "" smime.p7m multipart/signed graph-clear-signed.txt; printf ','
    graph_message graph-rpmsg "Payment details (Graph, protected)" "<p>This message is protected with Microsoft Rights Management.</p>" message.rpmsg application/x-microsoft-rpmsg-message message.rpmsg
    printf ']}\n'
} > "$HERE/../graph-page.json"

# ---------------------------------------------------------------------------- control
{ envelope "Lunch on Friday" plain-unrelated
  printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nShall we meet at noon?\n'; } > "$HERE/plain-unrelated.eml"

echo "wrote $(ls "$HERE"/*.eml | wc -l) fixtures to $HERE"
