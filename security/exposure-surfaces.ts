/**
 * The parts of the repository the exposure cases (security/cases/exposure*.ts) build in-process: the
 * emulator's Cognito, Gemini stub and CloudFront (with the request inspector), each behind its dev-access
 * guard, and the page's answer renderer. A target hands the cases this module (`LocalPowers.surfaces`);
 * the weakened variants (security/weakened/surfaces-build.ts) hand them a build of it with one check
 * patched out, which is how the suite shows these cases can fail.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "../frontend/src/components/Markdown.js";

export { cloudFrontOptionsFrom, createCloudFrontServer } from "../emulator/cloudfront/server.js";
export { createCognitoServer } from "../emulator/cognito/server.js";
export { createGeminiServer } from "../emulator/gemini/server.js";
export { InspectorRecorder } from "../emulator/inspector/recorder.js";
export { inspectorRoutes } from "../emulator/inspector/routes.js";

/** A tutor answer as the chat page renders it (the real component), as static HTML. */
export function renderAnswer(text: string): string {
  return renderToStaticMarkup(createElement(Markdown, { text }));
}

export type ExposureSurfaces = typeof import("./exposure-surfaces.js");
