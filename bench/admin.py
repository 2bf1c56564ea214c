"""A thin SigV4 client for Gatehouse's management APIs (Cognito JSON 1.1 and API Gateway REST-JSON).

botocore signs; urllib3 sends over a keep-alive pool. Much cheaper per call than a full botocore
client or the AWS CLI, which matters when loading 100,000 app clients.
"""
import configparser
import json
import threading

import urllib3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class AdminError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:300]!r}")
        self.status = status
        self.body = body


def read_credentials(path):
    parser = configparser.ConfigParser()
    parser.read(path)
    section = parser["gatehouse"]
    return section["aws_access_key_id"], section["aws_secret_access_key"]


class Admin:
    def __init__(self, endpoint, access_key, secret_key, region="us-east-1", pool_size=32):
        self.endpoint = endpoint.rstrip("/")
        self.region = region
        self.credentials = Credentials(access_key, secret_key)
        self.http = urllib3.PoolManager(maxsize=pool_size, block=True, retries=False,
                                        timeout=urllib3.Timeout(connect=5, read=120))
        self._signers = threading.local()

    def _signer(self, service):
        signers = getattr(self._signers, "by_service", None)
        if signers is None:
            signers = self._signers.by_service = {}
        if service not in signers:
            signers[service] = SigV4Auth(self.credentials, service, self.region)
        return signers[service]

    def _send(self, service, method, url, body, headers):
        request = AWSRequest(method=method, url=url, data=body, headers=headers)
        self._signer(service).add_auth(request)
        response = self.http.request(method, url, body=body, headers=dict(request.headers.items()))
        text = response.data.decode("utf-8", "replace")
        if response.status >= 300:
            raise AdminError(response.status, text)
        return json.loads(text) if text else {}

    def cognito(self, operation, body):
        """One Cognito (AWSCognitoIdentityProviderService) operation; returns the parsed answer."""
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/x-amz-json-1.1",
                   "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation}
        return self._send("cognito-idp", "POST", self.endpoint + "/", data, headers)

    def apigateway(self, method, path, body=None, query=""):
        """One API Gateway REST call, e.g. apigateway("POST", "/restapis", {"name": "x"})."""
        url = self.endpoint + path + (("?" + query) if query else "")
        data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        return self._send("apigateway", method, url, data, headers)
