-- wrk script for bench/load/run.sh. After "--": the Cookie header for pages, the Authorization header for the API
-- (/api/ paths), then the paths; each connection cycles through the paths, each thread starting at another one.
-- Counts every answer that is not 2xx (a redirect to the log-in page included) and every socket error or timeout as
-- an error, and prints one line: RESULT req/s p50 p95 p99 (ms) errors requests socket-errors last-bad-status.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local cookie, authorization, paths, index = nil, nil, {}, 0
bad, last = 0, 0

function init(args)
  cookie, authorization = args[1], args[2]
  for i = 3, #args do
    table.insert(paths, args[i])
  end
  if #paths == 0 then
    error("load.lua: no paths given")
  end
  index = (id or 0) % #paths
end

function request()
  index = index % #paths + 1
  local path = paths[index]
  local headers = {}
  if path:sub(1, 5) == "/api/" then
    headers["Authorization"] = authorization
  else
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    last = status
  end
end

function done(summary, latency, requests)
  local nonOk, lastBad = 0, 0
  for _, thread in ipairs(threads) do
    nonOk = nonOk + thread:get("bad")
    if thread:get("last") ~= 0 then
      lastBad = thread:get("last")
    end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %d %d %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    nonOk + socket, summary.requests, socket, lastBad))
end
