"""Fixtures created through Gatehouse's public management APIs only (Cognito + API Gateway).

small(): one pool with a domain, a resource server and a client_credentials app client, and one
REST API whose GET /items needs an RS256 access token with scope bench/read (COGNITO_USER_POOLS
authorizer on that pool) and proxies (HTTP_PROXY) to the nginx backend.

scale(): 10,000 pools, 100,000 app clients (one pool holds the Cognito maximum of 1,000, for the
paginated ListUserPoolClients), 1,000 deployed routes (10 REST APIs of 100 routes each, imported
as OpenAPI documents and deployed), loaded concurrently.
"""
import concurrent.futures
import json
import os
import threading
import time
import uuid

from admin import AdminError

SCOPE = "bench/read"


def retrying(call, attempts=8):
    """Retries only what a server under load may answer transiently (throttling, 5xx)."""
    for attempt in range(attempts):
        try:
            return call()
        except AdminError as e:
            if e.status not in (429, 500, 502, 503, 504) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)


def parallel(fn, items, workers, what="", log=None):
    """fn(item) for every item on `workers` threads, in order; the first failure stops the load.
    Logs progress every tenth, with the rate of that tenth (it falls if writes get slower with size)
    and the load average (the machine may be shared)."""
    items = list(items)
    step = max(1, len(items) // 10)
    state = {"done": 0, "mark": time.monotonic()}
    lock = threading.Lock()

    def one(item):
        result = retrying(lambda: fn(item))
        with lock:
            state["done"] += 1
            if log and (state["done"] % step == 0):
                now = time.monotonic()
                log(f"    {what}: {state['done']}/{len(items)}, {step / (now - state['mark']):.0f}/s, "
                    f"load average {os.getloadavg()[0]:.1f}")
                state["mark"] = now
        return result

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, items))


def pool_arn(pool_id, region="us-east-1", account="000000000000"):
    return f"arn:aws:cognito-idp:{region}:{account}:userpool/{pool_id}"


def small(admin, backend_url):
    suffix = uuid.uuid4().hex[:8]
    pool = admin.cognito("CreateUserPool", {"PoolName": "bench"})["UserPool"]
    domain = "bench-" + suffix
    admin.cognito("CreateUserPoolDomain", {"UserPoolId": pool["Id"], "Domain": domain})
    admin.cognito("CreateResourceServer", {"UserPoolId": pool["Id"], "Identifier": "bench", "Name": "Bench",
                                           "Scopes": [{"ScopeName": "read", "ScopeDescription": "Read"}]})
    client = admin.cognito("CreateUserPoolClient", {
        "UserPoolId": pool["Id"], "ClientName": "bench", "GenerateSecret": True,
        "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": [SCOPE],
        "AllowedOAuthFlowsUserPoolClient": True})["UserPoolClient"]

    api = admin.apigateway("POST", "/restapis", {"name": "bench"})
    api_id = api["id"]
    root = next(r["id"] for r in admin.apigateway("GET", f"/restapis/{api_id}/resources")["item"]
                if r["path"] == "/")
    cached = authorizer(admin, api_id, "pool", pool["Id"], ttl=300)
    uncached = authorizer(admin, api_id, "pool-no-cache", pool["Id"], ttl=0)
    route(admin, api_id, root, "items", cached, backend_url + "/items")
    route(admin, api_id, root, "items-no-cache", uncached, backend_url + "/items")
    admin.apigateway("POST", f"/restapis/{api_id}/deployments", {"stageName": "bench"})
    return {"pool_id": pool["Id"], "domain": domain, "client_id": client["ClientId"],
            "client_secret": client["ClientSecret"], "scope": SCOPE, "api_id": api_id, "stage": "bench"}


def authorizer(admin, api_id, name, pool_id, ttl):
    return admin.apigateway("POST", f"/restapis/{api_id}/authorizers", {
        "name": name, "type": "COGNITO_USER_POOLS", "providerARNs": [pool_arn(pool_id)],
        "identitySource": "method.request.header.Authorization",
        "authorizerResultTtlInSeconds": ttl})["id"]


def route(admin, api_id, parent, path_part, authorizer_id, uri):
    resource = admin.apigateway("POST", f"/restapis/{api_id}/resources/{parent}", {"pathPart": path_part})["id"]
    base = f"/restapis/{api_id}/resources/{resource}/methods/GET"
    admin.apigateway("PUT", base, {"authorizationType": "COGNITO_USER_POOLS", "authorizerId": authorizer_id,
                                   "authorizationScopes": [SCOPE]})
    admin.apigateway("PUT", base + "/integration", {"type": "HTTP_PROXY", "httpMethod": "GET", "uri": uri})


def scale(admin, backend_url, pools=10_000, clients=100_000, routes=1_000, existing_pools=0, workers=16,
          log=print, server_cpu=lambda: 0.0):
    """Loads the scale data set; returns counts, the big pool's id and, per phase, the wall time,
    the server's CPU seconds (server_cpu() = its CPU seconds so far) and the load average after it."""
    timings = {}
    start = time.monotonic()
    cpu = {"mark": server_cpu()}

    def phase_done(name):
        now = server_cpu()
        timings[f"{name}_cpu_s"] = round(now - cpu["mark"], 1)
        timings[f"{name}_load_average"] = round(os.getloadavg()[0], 1)
        cpu["mark"] = now
    new_pools = pools - existing_pools
    pool_ids = parallel(lambda i: admin.cognito("CreateUserPool", {"PoolName": f"scale-{i}"})["UserPool"]["Id"],
                        range(new_pools), workers, "pools", log)
    timings["pools_s"] = round(time.monotonic() - start, 1)
    phase_done("pools")
    log(f"  {new_pools} pools in {timings['pools_s']} s ({timings['pools_cpu_s']} server CPU-s)")

    big_pool, others = pool_ids[0], pool_ids[1:]
    per_big = min(1_000, clients)
    targets = [big_pool] * per_big + [others[i % len(others)] for i in range(clients - per_big)]
    phase = time.monotonic()
    parallel(lambda item: admin.cognito("CreateUserPoolClient", {
        "UserPoolId": item[1], "ClientName": f"scale-{item[0]}", "GenerateSecret": True}),
             list(enumerate(targets)), workers, "app clients", log)
    timings["clients_s"] = round(time.monotonic() - phase, 1)
    phase_done("clients")
    log(f"  {clients} app clients in {timings['clients_s']} s ({timings['clients_cpu_s']} server CPU-s)")

    phase = time.monotonic()
    apis = max(1, routes // 100)
    per_api = routes // apis
    api_ids = parallel(lambda n: import_api(admin, n, per_api, big_pool, backend_url), range(apis),
                       min(workers, apis), "REST APIs", log)
    timings["routes_s"] = round(time.monotonic() - phase, 1)
    phase_done("routes")
    log(f"  {apis * per_api} routes in {apis} deployed REST APIs in {timings['routes_s']} s "
        f"({timings['routes_cpu_s']} server CPU-s)")
    timings["total_s"] = round(time.monotonic() - start, 1)
    return {"pools": new_pools + existing_pools, "app_clients": clients, "routes": apis * per_api,
            "big_pool_id": big_pool, "api_ids": api_ids, "load": timings}


def import_api(admin, n, routes, pool_id, backend_url):
    """One REST API of `routes` GET routes, as one ImportRestApi call and one CreateDeployment."""
    paths = {}
    for r in range(routes):
        paths[f"/svc{n}/res{r}/{{id}}"] = {"get": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "security": [{"pool": [SCOPE]}],
            "responses": {"200": {"description": "ok"}},
            "x-amazon-apigateway-integration": {"type": "http_proxy", "httpMethod": "GET",
                                                "uri": f"{backend_url}/items/{{id}}",
                                                "passthroughBehavior": "when_no_match",
                                                "requestParameters": {
                                                    "integration.request.path.id": "method.request.path.id"}}}}
    document = {"openapi": "3.0.1", "info": {"title": f"scale-{n}", "version": "1"}, "paths": paths,
                "components": {"securitySchemes": {"pool": {
                    "type": "apiKey", "name": "Authorization", "in": "header",
                    "x-amazon-apigateway-authtype": "cognito_user_pools",
                    "x-amazon-apigateway-authorizer": {"type": "cognito_user_pools",
                                                       "providerARNs": [pool_arn(pool_id)]}}}}}
    api = admin.apigateway("POST", "/restapis", json.dumps(document).encode(), query="mode=import")
    admin.apigateway("POST", f"/restapis/{api['id']}/deployments", {"stageName": "scale"})
    return api["id"]


def time_list_calls(admin, big_pool_id, page=60, server_cpu=lambda: 0.0):
    """Walks ListUserPools over every pool and ListUserPoolClients over the 1,000-client pool; with
    server_cpu() (the server's CPU seconds so far) also the server's CPU per page."""
    return {"list_user_pools": _walk(admin, "ListUserPools", {}, "UserPools", page, server_cpu),
            "list_user_pool_clients": _walk(admin, "ListUserPoolClients", {"UserPoolId": big_pool_id},
                                            "UserPoolClients", page, server_cpu)}


def _walk(admin, operation, request, items, page, server_cpu):
    """Every page of one list operation: items, pages, wall time and server CPU per page."""
    cpu = server_cpu()
    start, pages, count, token = time.monotonic(), 0, 0, None
    while True:
        body = request | {"MaxResults": page} | ({"NextToken": token} if token else {})
        answer = admin.cognito(operation, body)
        pages, count, token = pages + 1, count + len(answer.get(items, [])), answer.get("NextToken")
        if not token:
            break
    elapsed = time.monotonic() - start
    return {"items": count, "pages": pages, "total_s": round(elapsed, 3),
            "ms_per_page": round(1000 * elapsed / pages, 2),
            "server_cpu_ms_per_page": round(1000 * (server_cpu() - cpu) / pages, 2)}
