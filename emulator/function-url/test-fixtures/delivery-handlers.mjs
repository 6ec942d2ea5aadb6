// Fixture handlers for the delivery tests (response-delivery.test.ts), written against the runtime's
// `awslambda` global like a real function. Plain JavaScript: no compile step.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const handler = awslambda.streamifyResponse(async (event, stream) => {
  const q = event.queryStringParameters ?? {};
  const out = awslambda.HttpResponseStream.from(stream, {
    statusCode: 200,
    headers: { "content-type": "text/plain" },
  });
  if (event.rawPath === "/writes") {
    // One write per size, `delay` ms apart: `sizes=20,20000,20`.
    const sizes = String(q.sizes ?? "20")
      .split(",")
      .map(Number);
    for (const [i, size] of sizes.entries()) {
      if (i > 0) await sleep(Number(q.delay ?? 100));
      out.write(String(i).repeat(size));
    }
    out.end();
    return;
  }
  if (event.rawPath === "/outlive-viewer") {
    // Writes on whatever happens to the viewer, and logs what its stream saw before the end.
    const seen = [];
    stream.on("error", (e) => seen.push(`error:${e.message}`));
    stream.on("close", () => seen.push("close"));
    const count = Number(q.count ?? 30);
    let i = 0;
    for (; i < count; i++) {
      out.write(`tick ${i}\n`);
      await sleep(Number(q.delay ?? 20));
    }
    console.log(`outlive-viewer: wrote ${i}; stream events before the end: ${seen.join(",") || "none"}`);
    out.end();
    return;
  }
  out.write("no such fixture");
  out.end();
});
