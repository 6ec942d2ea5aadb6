import { expect, it } from "vitest";
import { chatStreamReader, readChatStream } from "./chat-stream.js";

it("reads chunks across split pieces, skips keep-alive comments, and sees [DONE]", () => {
  const heard: string[] = [];
  const reader = chatStreamReader((text) => heard.push(text));
  reader.feed(': keep-alive\n\ndata: {"chunk":"He');
  expect(heard).toEqual([]);
  reader.feed('llo"}\n\ndata: {"chunk":", you"}\n');
  expect(heard).toEqual(["Hello"]);
  reader.feed("\ndata: [DONE]\n\n");
  expect(heard).toEqual(["Hello", ", you"]);
  expect(reader.stream).toMatchObject({ chunks: ["Hello", ", you"], done: true });
  expect(reader.stream.errorCode).toBeUndefined();
  expect(reader.stream.events).toHaveLength(3);
});

it("an error event gives its code; one without a code is UNPARSEABLE; neither is [DONE]", () => {
  const failed = readChatStream(
    'data: {"chunk":"a"}\n\nevent: error\ndata: {"error":{"code":"UPSTREAM_ERROR","message":"m"}}\n\n',
  );
  expect(failed).toMatchObject({ chunks: ["a"], done: false, errorCode: "UPSTREAM_ERROR" });
  expect(readChatStream("event: error\ndata: not json\n\n").errorCode).toBe("UNPARSEABLE");
});

it("never throws on what the client would refuse: the event is kept, uninterpreted", () => {
  const odd = readChatStream(
    'data: not json\n\nevent: surprise\ndata: {"chunk":"x"}\n\ndata: {"other":1}\n\n',
  );
  expect(odd).toMatchObject({ chunks: [], done: false });
  expect(odd.errorCode).toBeUndefined();
  expect(odd.events.map((e) => e.data)).toEqual(["not json", '{"chunk":"x"}', '{"other":1}']);
});

it("an event cut before its blank line is not an event (the SSE rule the client follows)", () => {
  expect(readChatStream('data: {"chunk":"a"}\n\ndata: {"chunk":"b"}').chunks).toEqual(["a"]);
});
