"""Helpers for the S3-over-TLS integration tests (moto's server, started by tests/it/support.rs).

  python moto_tls.py cert DIR
      A self-signed certificate for 127.0.0.1 and localhost: DIR/cert.pem and DIR/key.pem (Python's
      `cryptography`, which moto depends on, so it is there after scripts/install-test-deps.sh; a fresh
      Debian machine need not have the openssl command).
  python moto_tls.py account URL CAFILE
      On a fresh moto server with INITIAL_NO_AUTH_ACTION_COUNT=3: an IAM user allowed everything and its
      access key (the three unauthenticated actions). Prints {"access_key": ..., "secret_key": ...}.
  python moto_tls.py s3 URL CAFILE ACCESS SECRET ACTION ARGS...
      One signed S3 call through boto3, trusting CAFILE (an independent client to check the service's):
      create-bucket B | etag B K | uploads B (incomplete multipart uploads) | keys B
"""
import datetime
import ipaddress
import json
import os
import sys


def cert(directory):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "atajoly test S3")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "cert.pem"), "wb") as f:
        f.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(os.path.join(directory, "key.pem"), "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )


def client(service, url, cafile, access, secret):
    import boto3

    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id=access,
        aws_secret_access_key=secret,
        verify=cafile,
    )


def account(url, cafile):
    # Before authentication is on, moto routes IAM calls by their credential scope; any key will do.
    iam = client("iam", url, cafile, "AKIAIOSFODNN7EXAMPLE", "x")
    iam.create_user(UserName="atajoly")
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    iam.put_user_policy(UserName="atajoly", PolicyName="everything", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="atajoly")["AccessKey"]
    print(json.dumps({"access_key": key["AccessKeyId"], "secret_key": key["SecretAccessKey"]}))


def s3(url, cafile, access, secret, action, *args):
    c = client("s3", url, cafile, access, secret)
    if action == "create-bucket":
        c.create_bucket(Bucket=args[0])
    elif action == "etag":
        print(c.head_object(Bucket=args[0], Key=args[1])["ETag"])
    elif action == "uploads":
        print(len(c.list_multipart_uploads(Bucket=args[0]).get("Uploads", [])))
    elif action == "keys":
        print(json.dumps([o["Key"] for o in c.list_objects_v2(Bucket=args[0]).get("Contents", [])]))
    else:
        sys.exit(f"unknown s3 action {action}")


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    {"cert": cert, "account": account, "s3": s3}[command](*rest)
