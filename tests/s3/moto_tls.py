"""Helpers for the S3-over-TLS integration tests (moto's server, started by tests/it/support.rs).

  python moto_tls.py cert DIR
      A self-signed certificate for 127.0.0.1 and localhost: DIR/cert.pem and DIR/key.pem
      (tests/tls/cert.py, with Python's `cryptography`).
  python moto_tls.py account URL CAFILE
      On a fresh moto server with INITIAL_NO_AUTH_ACTION_COUNT=3: an IAM user allowed everything and its
      access key (the three unauthenticated actions). Prints {"access_key": ..., "secret_key": ...}.
  python moto_tls.py s3 URL CAFILE ACCESS SECRET ACTION ARGS...
      One signed S3 call through boto3, trusting CAFILE (an independent client to check the service's):
      create-bucket B | etag B K | uploads B (incomplete multipart uploads) | keys B
"""
import json
import os
import sys


def cert(directory):
    # The same self-signed certificate as every test TLS server's (tests/tls/cert.py).
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tls"))
    import cert as selfsigned

    selfsigned.cert(directory, "atajoly test S3")


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
