/** How to read an answer, given what the request asked for. */
export interface AnthropicReadOptions {
  /** The forced tool whose input is the JSON answer: its input is read as answer text, not as a tool call. */
  jsonToolName?: string;
}
