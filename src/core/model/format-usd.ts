/** The one dollar formatter lives in the protocol (the webviews' only import); the core shares it. */
export { formatCost, formatUsd } from '../../protocol/format-usd';
