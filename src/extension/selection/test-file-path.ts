/**
 * Where tests for a source file go, by the language's usual convention
 * (workspace-relative, '/' separators). Conventions that need a source root
 * (Maven's src/main → src/test, Ruby's lib → spec) apply only when the path has one.
 */
export function testFilePath(sourcePath: string, languageId: string): string {
  const slash = sourcePath.lastIndexOf('/');
  const dir = slash >= 0 ? sourcePath.slice(0, slash + 1) : '';
  const file = sourcePath.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  const stem = dot > 0 ? file.slice(0, dot) : file;
  const ext = dot > 0 ? file.slice(dot) : '';
  const capital = stem.charAt(0).toUpperCase() + stem.slice(1);
  switch (languageId) {
    case 'python':
      return `${dir}test_${stem}.py`;
    case 'go':
      return `${dir}${stem}_test.go`;
    case 'rust':
      return sourcePath.startsWith('src/') || sourcePath.includes('/src/')
        ? `${sourcePath.slice(0, sourcePath.lastIndexOf('src/'))}tests/${stem}_test.rs`
        : `${dir}${stem}_test.rs`;
    case 'java':
    case 'kotlin': {
      const suffix = languageId === 'java' ? '.java' : '.kt';
      return sourcePath.includes('src/main/') ? `${dir.replace('src/main/', 'src/test/')}${capital}Test${suffix}` : `${dir}${capital}Test${suffix}`;
    }
    case 'csharp':
      return `${dir}${capital}Tests.cs`;
    case 'ruby':
      return sourcePath.startsWith('lib/') ? `spec/${sourcePath.slice(4, sourcePath.length - ext.length)}_spec.rb` : `${dir}${stem}_spec.rb`;
    case 'php':
      return sourcePath.startsWith('src/') ? `tests/${sourcePath.slice(4, sourcePath.length - ext.length)}Test.php` : `${dir}${capital}Test.php`;
    case 'c':
    case 'cpp':
      return `${dir}${stem}_test${ext || '.c'}`;
    default:
      // TypeScript, JavaScript (and React variants) and anything else: foo.test.ts next to foo.ts.
      return `${dir}${stem}.test${ext}`;
  }
}

/** `foo.test.ts` → `foo.test-2.ts`: a free name when the conventional one is taken. */
export function numberedPath(filePath: string, n: number): string {
  const slash = filePath.lastIndexOf('/');
  const dot = filePath.lastIndexOf('.');
  return dot > slash + 1 ? `${filePath.slice(0, dot)}-${n}${filePath.slice(dot)}` : `${filePath}-${n}`;
}
