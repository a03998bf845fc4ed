import assert from 'node:assert/strict';
import { SymbolNode, enclosingFunction } from '../../../src/extension/selection/enclosing-symbol';

const node = (name: string, kind: number, startLine: number, endLine: number, children: SymbolNode[] = []): SymbolNode => ({ name, kind, startLine, startCharacter: 0, endLine, endCharacter: 1, children });

describe('selection: the enclosing function of a cursor without a selection', () => {
  const tree = [
    node('Calc', 4, 0, 20, [node('add', 5, 2, 6, [node('inner', 11, 3, 4), node('x', 12, 5, 5)]), node('field', 7, 8, 8)]),
    node('top', 11, 22, 30),
  ];

  it('finds the innermost method or function around the cursor', () => {
    assert.equal(enclosingFunction(tree, 3, 0)?.name, 'inner');
    assert.equal(enclosingFunction(tree, 5, 0)?.name, 'add');
    assert.equal(enclosingFunction(tree, 25, 0)?.name, 'top');
  });

  it('returns nothing outside functions (a class body, a field, between symbols)', () => {
    assert.equal(enclosingFunction(tree, 8, 0), undefined);
    assert.equal(enclosingFunction(tree, 21, 0), undefined);
    assert.equal(enclosingFunction([], 0, 0), undefined);
  });
});
