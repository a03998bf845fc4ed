/**
 * A realistic ~3,000-token markdown answer (headings, prose with inline code and
 * links, lists, TypeScript fences, tables) in ~4-character chunks (about one token
 * each, as providers stream). Shared by the chat e2e figures and the chat bench.
 */
export function longMarkdownAnswer(chars = 12_000): string[] {
  const sections: string[] = [];
  for (let i = 0; sections.join('').length < chars; i++) {
    sections.push(
      `## Step ${i}\n\nThis step explains **why** the \`handler${i}\` matters, with a [link](https://example.com/${i}).\n\n- first point about ${i}\n- second point\n\n` +
        `\`\`\`ts\nexport function handler${i}(input: string): number {\n  return input.length * ${i};\n}\n\`\`\`\n\n| key | value |\n|-----|-------|\n| a${i} | ${i} |\n\n`,
    );
  }
  return sections.join('').match(/[\s\S]{1,4}/g) ?? [];
}
