-- wrk script: POST one case to the letter API; count non-2xx answers as errors.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"kind":"objection","platform":"linkedin","country":"IE","person":{"name":"Load Test","address":["1 Example Street","Dublin"],"email":"load@example.org"},"grounds":["not_expected"],"signature":{"typed":"Load Test"}}]]

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f duration_s=%.1f\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6))
end
