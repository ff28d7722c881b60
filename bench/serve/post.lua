-- wrk script of bench/serve: POSTs one JSON input (the file named by WRK_BODY_FILE) as
-- every request, and at the end prints one machine-readable summary line for run.py.
local path = os.getenv("WRK_BODY_FILE")
local file = assert(io.open(path, "rb"), "WRK_BODY_FILE must name a readable file")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

-- wrk's own text rounds latencies to two decimals of a varying unit; the summary gives
-- exact microseconds. Non-2xx answers and socket errors are counted so that run.py can
-- refuse a run that measured errors instead of work.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_SUMMARY {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, latency.mean, e.status, e.connect + e.read + e.write + e.timeout))
end
