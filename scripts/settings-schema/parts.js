// Building blocks of the `switchboard.*` settings schema. `closed()` marks an
// object the core refuses unknown fields in (validateConfig lists them as
// errors), so the editor flags a typo before the core does.
'use strict';

/** An object schema that allows only `properties` (the core's checkUnknownKeys). */
function closed(properties, extra = {}) {
  return { type: 'object', properties, additionalProperties: false, ...extra };
}

function ms(markdownDescription, def) {
  return { type: 'number', minimum: 0, markdownDescription: `${markdownDescription} Default \`${def}\` ms.` };
}

function count(markdownDescription, def, minimum = 0) {
  return { type: 'integer', minimum, markdownDescription: `${markdownDescription} Default \`${def}\`.` };
}

const rate = { type: 'number', minimum: 0 };

const price = closed(
  {
    inputPerMTok: { ...rate, markdownDescription: 'USD per million input tokens (uncached).' },
    outputPerMTok: { ...rate, markdownDescription: 'USD per million output tokens (reasoning included).' },
    cacheReadPerMTok: { ...rate, markdownDescription: 'USD per million cached input tokens read. Default: the input rate.' },
    cacheWritePerMTok: { ...rate, markdownDescription: 'USD per million input tokens written to the provider cache. Default: the input rate.' },
  },
  { required: ['inputPerMTok', 'outputPerMTok'], markdownDescription: 'Overrides the bundled price library (`@pydantic/genai-prices`). Set it for local or custom models, which otherwise show **price unknown**.', defaultSnippets: [{ label: 'price', body: { inputPerMTok: 0, outputPerMTok: 0 } }] },
);

const timeouts = {
  connectMs: ms('Time to connect and get response headers.', 15000),
  firstTokenMs: ms('Time from the request to the first token.', 45000),
  idleMs: ms('Longest silence between two streamed chunks.', 30000),
  overallMs: ms('Whole request, first byte to last.', 180000),
};

const budgetRule = closed(
  {
    limitUsd: { type: 'number', exclusiveMinimum: 0, markdownDescription: 'Limit in USD for the period.' },
    action: { type: 'string', enum: ['warn', 'block', 'downgrade'], markdownEnumDescriptions: ['Tell me, keep going.', 'Refuse requests until the period ends.', 'Route to `downgradeTo` instead.'], markdownDescription: 'What happens once the limit is reached.' },
    downgradeTo: { type: 'string', markdownDescription: 'Alias to use once the limit is reached (`action: "downgrade"` only), e.g. `"cheap"`.' },
  },
  { required: ['limitUsd', 'action'] },
);

const budgetPeriods = closed({ daily: { ...budgetRule, markdownDescription: 'Per calendar day (local time).' }, monthly: { ...budgetRule, markdownDescription: 'Per calendar month (local time).' } });

module.exports = { closed, ms, count, price, timeouts, budgetRule, budgetPeriods };
