/**
 * The code the conversation already showed: the model's turns in `history`, counted with the same
 * rules as an answer (a full parse of each turn, the same judging of text lines). The budget spans the
 * conversation, so a solution split over two turns costs what it costs in one.
 *
 * Without the `userCode` exemption: a block of an earlier turn that matches the user's code now may be
 * code the model showed then and the client pasted into `userCode` since; the handler cannot tell the
 * two apart, so it counts. (Quoting the user's code again in this answer is still free.)
 *
 * History is what the client says was said: a client can shorten or drop it (handler/README.md,
 * "Threat model"). Counting it binds the page, which sends the conversation back as it was shown.
 */
import { SpoilerGuard } from "./spoiler-guard.js";

export interface HistoryTurn {
  role: string;
  content: string;
}

/**
 * Lines of budget the model's turns of `history` used.
 * @example codeShownIn([{ role: "model", content: "```py\nx = 1\ny = 2\n```" }]) // 2
 */
export function codeShownIn(history: readonly HistoryTurn[]): number {
  let shown = 0;
  for (const turn of history) {
    if (turn.role !== "model") continue;
    const guard = new SpoilerGuard(Number.POSITIVE_INFINITY);
    guard.push(turn.content);
    guard.flush();
    shown += guard.shown;
  }
  return shown;
}
