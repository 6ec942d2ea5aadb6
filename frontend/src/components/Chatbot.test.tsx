// @vitest-environment jsdom
import "@testing-library/jest-dom/vitest";
import { act, cleanup, render, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest, StreamChat, StreamChatOptions, StreamResult } from "../lib/chat-types.js";
import {
  ChatbotAuthError,
  ChatbotHttpError,
  ChatbotNetworkError,
  ChatbotStreamError,
  ConnectionLostError,
} from "../lib/errors.js";
import { Chatbot } from "./Chatbot.js";
import { MESSAGES, rateLimitedMessage } from "./error-messages.js";

const problem = { title: "Two Sum", description: "Return indices of two numbers adding up to target." };
const code = "function twoSum(nums, target) {\n  return [];\n}";

interface Call {
  request: ChatRequest;
  options: StreamChatOptions;
  sent: string;
  settle: (outcome: { result?: StreamResult; error?: unknown }) => void;
}

/**
 * A client the test drives by hand: it records each request and lets the test push chunks and end
 * the stream, honouring the abort signal like the real client (resolves `aborted` with the text so far).
 */
function scriptedClient() {
  const calls: Call[] = [];
  const client: StreamChat = (request, options) =>
    new Promise<StreamResult>((resolve, reject) => {
      const call: Call = {
        request,
        options,
        sent: "",
        settle: ({ result, error }) =>
          error === undefined ? resolve(result as StreamResult) : reject(error),
      };
      options.signal?.addEventListener("abort", () =>
        resolve({ text: call.sent, outcome: "aborted", requestId: undefined }),
      );
      calls.push(call);
    });
  const last = () => {
    const call = calls.at(-1);
    if (call === undefined) throw new Error("the component made no request");
    return call;
  };
  return {
    client,
    calls,
    chunk: (text: string) =>
      act(() => {
        last().sent += text;
        last().options.onChunk(text);
      }),
    finish: () =>
      act(async () => last().settle({ result: { text: last().sent, outcome: "done", requestId: "r" } })),
    fail: (error: unknown) => act(async () => last().settle({ error })),
  };
}

function setup() {
  const fake = scriptedClient();
  const user = userEvent.setup();
  render(<Chatbot problemDetails={problem} userCode={code} client={fake.client} />);
  return { ...fake, user, input: screen.getByLabelText("Ask the tutor") };
}

afterEach(() => cleanup());

describe("Chatbot", () => {
  it("streams the answer into a polite live region, then moves it into the conversation", async () => {
    const { user, input, chunk, finish, calls } = setup();
    await user.type(input, "Why is it empty?{Enter}");
    expect(calls[0]?.request).toEqual({
      problemDetails: problem,
      userCode: code,
      history: [],
      query: "Why is it empty?",
    });
    expect(input).toHaveValue("");
    const streaming = screen.getByTestId("chatbot-streaming");
    expect(streaming).toHaveAttribute("aria-live", "polite");
    expect(streaming).toHaveTextContent("The tutor is thinking…");

    chunk("Look at ");
    expect(streaming).toHaveTextContent("Look at");
    chunk("the **return** value.");
    expect(within(streaming).getByText("return").tagName).toBe("STRONG");
    expect(screen.getByTestId("chatbot-stop")).toBeInTheDocument();

    await finish();
    expect(streaming).toBeEmptyDOMElement();
    const items = within(screen.getByTestId("chatbot-messages")).getAllByTestId("chatbot-message");
    expect(items.map((item) => item.dataset.role)).toEqual(["user", "model"]);
    expect(items[1]).toHaveTextContent("Look at the return value.");
    expect(screen.getByTestId("chatbot-send")).toBeInTheDocument();
  });

  it("sends the conversation so far as history with the next question", async () => {
    const { user, input, chunk, finish, calls } = setup();
    await user.type(input, "First?{Enter}");
    chunk("First answer");
    await finish();
    await user.type(input, "Second?{Enter}");
    expect(calls[1]?.request.history).toEqual([
      { role: "user", content: "First?" },
      { role: "model", content: "First answer" },
    ]);
    expect(calls[1]?.request.query).toBe("Second?");
  });

  it("adds a newline on Shift+Enter instead of sending", async () => {
    const { user, input, calls } = setup();
    await user.type(input, "line one{Shift>}{Enter}{/Shift}line two");
    expect(input).toHaveValue("line one\nline two");
    expect(calls).toHaveLength(0);
    await user.click(screen.getByRole("button", { name: "Send" }));
    expect(calls[0]?.request.query).toBe("line one\nline two");
  });

  it("Stop aborts the stream and keeps the partial answer, marked stopped", async () => {
    const { user, input, chunk, calls } = setup();
    await user.type(input, "Explain{Enter}");
    chunk("Half of");
    await user.click(screen.getByRole("button", { name: "Stop" }));
    expect(calls[0]?.options.signal?.aborted).toBe(true);
    const model = screen.getAllByTestId("chatbot-message").at(-1);
    expect(model).toHaveAttribute("data-status", "stopped");
    expect(model).toHaveTextContent("Half of");
    expect(screen.queryByTestId("chatbot-stop")).not.toBeInTheDocument();
    expect(screen.queryByTestId("chatbot-error")).not.toBeInTheDocument();
  });

  it("keeps the partial answer and offers Retry when the connection is lost mid-answer", async () => {
    const { user, input, chunk, fail, finish, calls } = setup();
    await user.type(input, "Hint?{Enter}");
    chunk("Try a hash");
    await fail(new ConnectionLostError("The stream ended before the answer was complete", "Try a hash"));
    expect(screen.getByRole("alert")).toHaveTextContent(MESSAGES.connectionLost);
    const kept = screen.getAllByTestId("chatbot-message").at(-1);
    expect(kept).toHaveAttribute("data-status", "incomplete");
    expect(kept).toHaveTextContent("Try a hash");

    await user.click(screen.getByTestId("chatbot-retry"));
    expect(calls[1]?.request).toEqual(calls[0]?.request);
    chunk("Try a hash map.");
    await finish();
    const items = screen.getAllByTestId("chatbot-message");
    expect(items.map((item) => item.textContent)).toEqual(["YouHint?", "TutorTry a hash map."]);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  const cases: [string, unknown, string, boolean][] = [
    [
      "no session",
      new ChatbotAuthError("NOT_SIGNED_IN", "No user is signed in"),
      MESSAGES.notSignedIn,
      false,
    ],
    ["expired session", new ChatbotAuthError("SESSION_EXPIRED", "expired"), MESSAGES.sessionExpired, false],
    ["401 TOKEN_EXPIRED", httpError(401, "TOKEN_EXPIRED"), MESSAGES.sessionExpired, false],
    ["401 TOKEN_MISSING", httpError(401, "TOKEN_MISSING"), MESSAGES.notSignedIn, false],
    ["401 TOKEN_INVALID", httpError(401, "TOKEN_INVALID"), MESSAGES.invalidSession, false],
    ["403 FORBIDDEN", httpError(403, "FORBIDDEN"), MESSAGES.forbidden, false],
    ["413 PAYLOAD_TOO_LARGE", httpError(413, "PAYLOAD_TOO_LARGE"), MESSAGES.tooLarge, false],
    ["429 with Retry-After", httpError(429, "UPSTREAM_RATE_LIMITED", 12), rateLimitedMessage(12), true],
    ["429 without Retry-After", httpError(429, "UPSTREAM_RATE_LIMITED"), MESSAGES.rateLimitedUnknown, true],
    ["503 UPSTREAM_UNAVAILABLE", httpError(503, "UPSTREAM_UNAVAILABLE"), MESSAGES.unavailable, true],
    ["500 INTERNAL", httpError(500, "INTERNAL"), MESSAGES.unavailable, true],
    ["504 UPSTREAM_TIMEOUT", httpError(504, "UPSTREAM_TIMEOUT"), MESSAGES.unavailable, true],
    ["network failure", new ChatbotNetworkError("fetch failed"), MESSAGES.network, true],
    [
      "stream error event",
      new ChatbotStreamError("UPSTREAM_UNAVAILABLE", "down", ""),
      MESSAGES.unavailable,
      true,
    ],
  ];
  it.each(cases)(
    "shows a specific message for %s and gives the question back",
    async (_name, error, text, retry) => {
      const { user, input, fail } = setup();
      await user.type(input, "Help{Enter}");
      await fail(error);
      expect(screen.getByTestId("chatbot-error")).toHaveTextContent(text);
      expect(screen.queryByTestId("chatbot-retry") !== null).toBe(retry);
      expect(screen.queryAllByTestId("chatbot-message")).toHaveLength(0);
      expect(input).toHaveValue("Help");
    },
  );

  it("tells the host page to sign in again on a 401, and not on other errors", async () => {
    const fake = scriptedClient();
    const user = userEvent.setup();
    let signInRequests = 0;
    render(
      <Chatbot
        problemDetails={problem}
        userCode={code}
        client={fake.client}
        onAuthRequired={() => {
          signInRequests += 1;
        }}
      />,
    );
    const input = screen.getByLabelText("Ask the tutor");
    await user.type(input, "One{Enter}");
    await fake.fail(httpError(503, "UPSTREAM_UNAVAILABLE"));
    expect(signInRequests).toBe(0);
    await user.clear(input);
    await user.type(input, "Two{Enter}");
    await fake.fail(httpError(401, "TOKEN_EXPIRED"));
    expect(signInRequests).toBe(1);
  });

  it("renders answers as Markdown with code blocks and drops raw HTML and script links", async () => {
    const { user, input, chunk, finish } = setup();
    await user.type(input, "Show me{Enter}");
    chunk('Use a map:\n\n```js\nconst seen = new Map();\n```\n\n<img src="x" onerror="alert(1)">\n\n');
    chunk("[click](javascript:alert(1)) and [docs](https://developer.mozilla.org/)");
    await finish();
    const answer = screen.getAllByTestId("chatbot-message").at(-1) as HTMLElement;
    expect(answer.querySelector("pre code")).toHaveTextContent("const seen = new Map();");
    expect(answer.querySelector("img")).toBeNull();
    expect(answer.innerHTML).not.toContain("onerror");
    expect(within(answer).getByText("click").getAttribute("href") ?? "").not.toMatch(/javascript:/i);
    expect(within(answer).getByText("docs")).toHaveAttribute("rel", "noopener noreferrer");
  });

  it("is usable from the keyboard alone: Tab to the input, type, Enter", async () => {
    const { user, calls } = setup();
    await user.tab();
    expect(screen.getByLabelText("Ask the tutor")).toHaveFocus();
    await user.keyboard("Keyboard only{Enter}");
    expect(calls[0]?.request.query).toBe("Keyboard only");
  });
});

function httpError(status: number, code: string, retryAfterSeconds?: number) {
  return new ChatbotHttpError(status, code, `${code} message`, "req-1", retryAfterSeconds);
}
