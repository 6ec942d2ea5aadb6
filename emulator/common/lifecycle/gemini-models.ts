/**
 * The Gemini models the handler and the stub know, as Google lists them (read 2026-12-07). The stub's
 * catalogue is built from these rows (emulator/gemini/catalogue.ts); the lifecycle check reads them for
 * the default model.
 *
 * Google's deprecations page exists here in several cached versions that disagree about the 2.5 models
 * (June 17, 2026; "earliest June 2026"; a Firebase banner: October 2026). The newest notices, read
 * through pages that quote the deprecations page as of November 2026, give December 1, 2026 and name
 * the model each id is routed to afterwards: those newest dates are the ones below.
 */
import type { LifecycleRow, LifecycleSource } from "./types.js";

const READ = "2026-12-07";
const DEPRECATIONS: LifecycleSource = {
  url: "https://ai.google.dev/gemini-api/docs/deprecations",
  read: READ,
  note: "newest cached copy (lists gemini-3.8-flash, released 2026-09-02); earlier copies give the 2.5 models June 17, 2026",
};
const MODELS_PAGE: LifecycleSource = {
  url: "https://ai.google.dev/gemini-api/docs/models",
  read: READ,
  note: "Gemini 3.8 Flash listed as the newest stable Flash model; 3.7/3.6/3.5 Flash, 3.5 and 3.1 Flash-Lite stable; 3.1 Pro preview",
};
const GUIDE_38: LifecycleSource = {
  url: "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/guides/gemini-3-8-flash",
  read: READ,
  note: "thinking levels: 3.8 Flash and 3.7 Flash LOW, MEDIUM, HIGH (default MEDIUM); 3.1 Pro LOW, MEDIUM, HIGH (default HIGH); output limit 65,536",
};
const GUIDE_36: LifecycleSource = {
  url: "https://ai.google.dev/gemini-api/docs/whats-new-gemini-3.6",
  read: READ,
  note: "3.6 Flash default level medium; 3.5 Flash-Lite default level minimal; both levels MINIMAL..HIGH",
};
const THINKING_25: LifecycleSource = {
  url: "https://ai.google.dev/gemini-api/docs/thinking",
  read: READ,
  note: "thinkingBudget ranges: 2.5 Pro 128..32,768 (cannot be off), 2.5 Flash 0..24,576, 2.5 Flash-Lite 0 or 512..24,576 (off by default); quoted in juspay/neurolink#1707",
};
const ROUTING_25: LifecycleSource = {
  url: "https://dev.to/aideprecations/what-to-do-before-gemini-25-pro-and-25-flash-are-retired-on-december-1-2026-5gg9",
  read: READ,
  note: "quotes the deprecations page as read 2026-11-10: shutdown 2026-12-01; gemini-2.5-flash routed to gemini-3.5-flash-lite, gemini-2.5-pro to gemini-3.8-flash; gemini-2.5-flash-lite not deprecated",
};

const LEVELS_ALL = ["minimal", "low", "medium", "high"] as const;
const LEVELS_NO_MINIMAL = ["low", "medium", "high"] as const;
const OUTPUT_LIMIT = 65_536;
const notFound = { kind: "not-found" } as const;

export const GEMINI_MODEL_ROWS: LifecycleRow[] = [
  {
    kind: "gemini-model",
    id: "gemini-3.8-flash",
    status: "current",
    released: "2026-09-02",
    gemini: {
      thinking: { kind: "level", levels: [...LEVELS_NO_MINIMAL], defaultLevel: "medium" },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    notes: "The project's default model. No shutdown date announced. `minimal` is refused (400).",
    sources: [MODELS_PAGE, DEPRECATIONS, GUIDE_38],
  },
  {
    kind: "gemini-model",
    id: "gemini-3.7-flash",
    status: "current",
    released: "2026-08-13",
    gemini: {
      thinking: { kind: "level", levels: [...LEVELS_NO_MINIMAL], defaultLevel: "medium" },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    sources: [MODELS_PAGE, DEPRECATIONS, GUIDE_38],
  },
  {
    kind: "gemini-model",
    id: "gemini-3.6-flash",
    status: "current",
    released: "2026-07-21",
    gemini: {
      thinking: { kind: "level", levels: [...LEVELS_ALL], defaultLevel: "medium" },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    sources: [MODELS_PAGE, DEPRECATIONS, GUIDE_36],
  },
  {
    kind: "gemini-model",
    id: "gemini-3.5-flash-lite",
    status: "current",
    released: "2026-07-21",
    gemini: {
      thinking: { kind: "level", levels: [...LEVELS_ALL], defaultLevel: "minimal" },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    sources: [MODELS_PAGE, DEPRECATIONS, GUIDE_36],
  },
  {
    kind: "gemini-model",
    id: "gemini-3.1-flash-lite",
    status: "current",
    released: "2026-05-07",
    end: "2027-05-07",
    endMeaning: "shutdown (earliest possible)",
    gemini: {
      // Assumption: HIGH is the default where a model offers only LOW and HIGH, as Gemini 3 Pro had.
      // Source: googleapis/js-genai#1581 ("Allowed values are: high, low"); no default found.
      thinking: { kind: "level", levels: ["low", "high"], defaultLevel: "high" },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    notes: "The only current stable model with a listed shutdown; no replacement named in the copy read.",
    sources: [
      {
        ...DEPRECATIONS,
        note: "copy listing gemini-3.5-flash as newest: gemini-3.1-flash-lite May 7, 2026 → May 7, 2027",
      },
      MODELS_PAGE,
    ],
  },
  {
    kind: "gemini-model",
    id: "gemini-3.1-pro-preview",
    status: "preview",
    released: "2026-02-19",
    gemini: {
      thinking: { kind: "level", levels: [...LEVELS_NO_MINIMAL], defaultLevel: "high" },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    notes: "Preview: no shutdown date announced; previews may change or end at short notice.",
    sources: [MODELS_PAGE, DEPRECATIONS, GUIDE_38],
  },
  {
    kind: "gemini-model",
    id: "gemini-3.5-flash",
    status: "deprecated",
    released: "2026-05-19",
    replacement: "gemini-3.6-flash",
    gemini: {
      thinking: { kind: "level", levels: [...LEVELS_ALL], defaultLevel: "medium" },
      afterEnd: {
        kind: "routed",
        to: "gemini-3.6-flash",
        inEffect: true,
        source: {
          url: "https://ai.google.dev/gemini-api/docs/whats-new-gemini-3.5",
          read: READ,
          note: "deprecated; requests to gemini-3.5-flash are forwarded to Gemini 3.6 Flash automatically",
        },
      },
      outputTokenLimit: OUTPUT_LIMIT,
    },
    notes:
      "Deprecated without a shutdown date in the copies read; Google already answers its calls with gemini-3.6-flash.",
    sources: [MODELS_PAGE, DEPRECATIONS],
  },
  {
    kind: "gemini-model",
    id: "gemini-2.5-flash-lite",
    status: "current",
    released: "2025-07-22",
    gemini: {
      thinking: { kind: "budget", min: 512, max: 24_576, canDisable: true, thinksByDefault: false },
      afterEnd: notFound,
      outputTokenLimit: OUTPUT_LIMIT,
    },
    notes: "Not deprecated and available until further notice (Google, as quoted on 2026-11-10).",
    sources: [ROUTING_25, THINKING_25],
  },
  {
    kind: "gemini-model",
    id: "gemini-2.5-flash",
    status: "ended",
    released: "2025-06-17",
    end: "2026-12-01",
    endMeaning: "shutdown",
    replacement: "gemini-3.5-flash-lite",
    gemini: {
      thinking: { kind: "budget", min: 1, max: 24_576, canDisable: true, thinksByDefault: true },
      afterEnd: { kind: "routed", to: "gemini-3.5-flash-lite", source: ROUTING_25 },
      outputTokenLimit: OUTPUT_LIMIT,
    },
    notes:
      "The project's default until this change. Dates: June 2026 on older copies, October 2026 on a Firebase banner (updated 2026-08-09), December 1, 2026 in the newest notices (taken).",
    sources: [
      ROUTING_25,
      {
        url: "https://www.w3cschool.cn/geminiapi/geminiapi-auto-routing.html",
        read: READ,
        note: "checked 2026-11-05 against the deprecations page: routing from December 1",
      },
      {
        url: "https://firebase.google.com/docs/ai-logic/locations",
        read: READ,
        note: "banner: Gemini 2.5 models will shut down in October 2026",
      },
      DEPRECATIONS,
      THINKING_25,
    ],
  },
  {
    kind: "gemini-model",
    id: "gemini-2.5-pro",
    status: "ended",
    released: "2025-06-17",
    end: "2026-12-01",
    endMeaning: "shutdown",
    replacement: "gemini-3.8-flash",
    gemini: {
      thinking: { kind: "budget", min: 128, max: 32_768, canDisable: false, thinksByDefault: true },
      afterEnd: { kind: "routed", to: "gemini-3.8-flash", source: ROUTING_25 },
      outputTokenLimit: OUTPUT_LIMIT,
    },
    sources: [ROUTING_25, DEPRECATIONS, THINKING_25],
  },
  {
    kind: "gemini-model",
    id: "gemini-2.0-flash",
    status: "ended",
    released: "2025-02-05",
    end: "2026-06-01",
    endMeaning: "shutdown",
    replacement: "gemini-3.1-flash-lite",
    gemini: { thinking: { kind: "none" }, afterEnd: notFound, outputTokenLimit: 8_192 },
    sources: [
      {
        url: "https://ai.google.dev/gemini-api/docs/changelog",
        read: READ,
        note: "2026-02-18: gemini-2.0-flash and -001 shut down on June 1, 2026 (an earlier notice said March 31)",
      },
      {
        url: "https://firebase.google.com/docs/ai-logic/prompt-design",
        read: READ,
        note: "banner: shut down on June 1, 2026; update to a newer model like gemini-3.1-flash-lite",
      },
    ],
  },
  {
    kind: "gemini-model",
    id: "gemini-1.5-flash",
    status: "ended",
    end: "2025-09-30",
    endMeaning: "shutdown (the month Google gave; 404 NOT_FOUND recorded from 2025-10-03)",
    gemini: { thinking: { kind: "none" }, afterEnd: notFound, outputTokenLimit: 8_192 },
    sources: [
      {
        url: "https://github.com/PixelPlayerHQ/PixelPlayer/issues/193",
        read: READ,
        note: "Google's 404 NOT_FOUND body for models/gemini-1.5-flash, 2025-10-03; 'deprecated 1.5 flash in September'",
      },
      {
        url: "https://github.com/continuedev/continue/issues/11337",
        read: READ,
        note: "the same 404 body, 2026-03-12",
      },
    ],
  },
];
