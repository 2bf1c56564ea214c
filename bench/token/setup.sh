#!/usr/bin/env bash
# Creates a pool, domain, resource server and secret client on a running Gatehouse with the AWS CLI,
# and prints shell assignments for CLIENT_ID, CLIENT_SECRET and TOKEN_HOST.
#   bench/token/setup.sh DATA_DIR PORT
set -euo pipefail
data=$1 port=$2
export AWS_SHARED_CREDENTIALS_FILE=$data/admin-credentials AWS_PROFILE=gatehouse AWS_DEFAULT_REGION=us-east-1
gh=http://127.0.0.1:$port
domain=bench-$RANDOM
pool=$(aws cognito-idp create-user-pool --pool-name bench --endpoint-url $gh --query UserPool.Id --output text)
aws cognito-idp create-user-pool-domain --user-pool-id "$pool" --domain $domain --endpoint-url $gh >/dev/null
aws cognito-idp create-resource-server --user-pool-id "$pool" --identifier orders-api --name Orders \
  --scopes ScopeName=orders.read,ScopeDescription=Read --endpoint-url $gh >/dev/null
read -r id secret < <(aws cognito-idp create-user-pool-client --user-pool-id "$pool" --client-name bench \
  --generate-secret --allowed-o-auth-flows client_credentials --allowed-o-auth-scopes orders-api/orders.read \
  --allowed-o-auth-flows-user-pool-client --endpoint-url $gh \
  --query '[UserPoolClient.ClientId,UserPoolClient.ClientSecret]' --output text)
echo "export CLIENT_ID=$id CLIENT_SECRET=$secret TOKEN_HOST=$domain.auth.us-east-1.localhost:$port"
