-- One fixed request per connection, configured from the environment by bench/harness.py:
--   BENCH_METHOD, BENCH_HOST (Host header), BENCH_AUTH (Authorization), BENCH_BODY,
--   BENCH_CONTENT_TYPE, BENCH_DELAY_MS (mean pause before each request on a connection: a rate
--   limit, since wrk itself has none; 0 = as fast as possible).
-- done() prints one line "BENCH_JSON {...}" with the counts and latency percentiles (microseconds).

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local host = os.getenv("BENCH_HOST")
if host and host ~= "" then wrk.headers["Host"] = host end
local auth = os.getenv("BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
local body = os.getenv("BENCH_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/x-www-form-urlencoded"
end

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  -- Uniform in [0, 2 x mean] so connections drift apart instead of moving in lock-step; wrk's
  -- timer counts whole milliseconds, so round at random (floor(x + u)) to keep the mean exact.
  math.randomseed(os.time())
  function delay()
    return math.floor(math.random() * 2 * pause + math.random())
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,'
      .. '"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"p50_us":%d,"p90_us":%d,'
      .. '"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
