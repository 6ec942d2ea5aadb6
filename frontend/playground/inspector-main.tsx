/** Entry of the request inspector page (`/inspector.html`): recent chats as waterfalls of their hops. */
import "./styles.css";
import "./inspector.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Inspector } from "./Inspector.js";

const root = document.getElementById("root");
if (root === null) throw new Error("inspector.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <Inspector />
  </StrictMode>,
);
