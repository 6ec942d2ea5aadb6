/**
 * Preload (`node --require`) for a child process that must reach "the internet" only through local
 * servers: every host name in OFFLINE_HOST_MAP resolves to 127.0.0.1 and its port 443 is mapped to the
 * given local port; every other name fails to resolve and every connection that is not to loopback or a
 * mapped name is refused. TLS is untouched: the server name (SNI) and certificate check stay the
 * mapped host's, so only a certificate trusted through NODE_EXTRA_CA_CERTS is accepted.
 *
 * OFFLINE_HOST_MAP='{"cognito-idp.us-east-1.amazonaws.com":43123}'
 */
"use strict";
const dns = require("node:dns");
const net = require("node:net");
const tls = require("node:tls");

const hostMap = JSON.parse(process.env.OFFLINE_HOST_MAP || "{}");
const mapped = (host) => typeof host === "string" && Object.hasOwn(hostMap, host.toLowerCase());
const isLoopback = (host) =>
  host === "localhost" || host === "::1" || (net.isIPv4(host) && host.startsWith("127."));

function blocked(what) {
  const error = new Error(`offline-network: ${what} is blocked in this test process`);
  error.code = "ENOTFOUND";
  return error;
}

// Name resolution: mapped names and localhost only.
dns.lookup = function lookup(hostname, options, callback) {
  const cb = typeof options === "function" ? options : callback;
  const opts = typeof options === "object" && options !== null ? options : {};
  if (!mapped(hostname) && hostname !== "localhost") {
    process.nextTick(() => cb(blocked(`resolving ${hostname}`)));
    return {};
  }
  if (opts.all) process.nextTick(() => cb(null, [{ address: "127.0.0.1", family: 4 }]));
  else process.nextTick(() => cb(null, "127.0.0.1", 4));
  return {};
};
dns.promises.lookup = async (hostname, options) =>
  new Promise((resolve, reject) =>
    dns.lookup(hostname, options ?? {}, (error, address, family) =>
      error ? reject(error) : resolve(Array.isArray(address) ? address : { address, family }),
    ),
  );

// Port mapping for TLS: host:443 -> 127.0.0.1:<local port>, SNI and identity check kept for the host.
const realTlsConnect = tls.connect;
tls.connect = function connect(...args) {
  const options = typeof args[0] === "object" && args[0] !== null ? args[0] : undefined;
  if (options && mapped(options.host) && Number(options.port ?? 443) === 443) {
    const host = options.host.toLowerCase();
    args[0] = { ...options, port: hostMap[host], servername: options.servername || host };
  }
  return realTlsConnect.apply(this, args);
};

// Every TCP connection: loopback or a mapped name (which resolves to loopback above), nothing else.
const realSocketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  if (!options.path) {
    const host = options.host ?? "localhost";
    if (!isLoopback(host) && !mapped(host)) {
      process.nextTick(() => this.destroy(blocked(`connecting to ${host}`)));
      return this;
    }
  }
  return realSocketConnect.apply(this, args);
};
