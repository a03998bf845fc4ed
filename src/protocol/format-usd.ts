/** The webview reaches the core's one dollar formatter through the protocol (it may not import core). */
export { formatCost, formatUsd } from '../core/model/format-usd';
