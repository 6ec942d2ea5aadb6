import { describe, expect, it } from "vitest";
import { type ChatSession, chatSession, emptySession, message } from "./chat-session.js";

const earlier = [message("user", "First?"), message("model", "First answer")];
const question = message("user", "Second?");

/** The session while `question` streams, after `earlier`. */
const asking = (input: string): ChatSession => ({
  ...chatSession(emptySession, { type: "asked", before: earlier, question, by: "input" }),
  input,
});

describe("the chat session's steps", () => {
  it("gives an unanswered question back into an empty input, and the conversation as it was", () => {
    const ended = chatSession(asking(""), { type: "ended", before: earlier, question, answer: undefined });
    expect(ended.messages).toEqual(earlier);
    expect(ended.input).toBe("Second?");
    expect(ended.isLoading).toBe(false);
  });

  it("keeps what the user typed meanwhile instead of giving the question back over it", () => {
    const failure = { text: "The tutor is unavailable.", retry: { query: "Second?", before: earlier } };
    const ended = chatSession(asking("Third?"), {
      type: "ended",
      before: earlier,
      question,
      answer: undefined,
      failure,
    });
    expect(ended.messages).toEqual(earlier);
    expect(ended.input).toBe("Third?");
    expect([ended.error, ended.failed]).toEqual([failure.text, failure.retry]);
  });

  it("puts an answer after its question and leaves the input alone", () => {
    const answer = message("model", "Second answer");
    const ended = chatSession(asking("Third?"), { type: "ended", before: earlier, question, answer });
    expect(ended.messages).toEqual([...earlier, question, answer]);
    expect(ended.input).toBe("Third?");
    expect(ended.error).toBeNull();
  });

  it("Retry empties the input when it holds the given-back question, and keeps a new one", () => {
    const retried = (input: string) =>
      chatSession({ ...emptySession, input }, { type: "asked", before: earlier, question, by: "retry" })
        .input;
    expect(retried("Second?")).toBe("");
    expect(retried("Something else")).toBe("Something else");
  });
});
