/**
 * The keyboard of `<peer-list>`'s grid, as the WAI-ARIA Authoring Practices' grid pattern has it:
 * arrows move one cell (Left and Right follow the reading direction), Home and End go to the first
 * and last cell of the row, Ctrl+Home and Ctrl+End to the first cell of the first row and the last
 * cell of the last row. Moves stop at the edges (no wrapping). Rows may have different numbers of
 * cells (a peer offers only the actions that apply): moving up or down keeps the column where the
 * row has it, else takes the row's last cell.
 */
export interface GridPosition {
  readonly row: number;
  readonly column: number;
}

type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Where `key` moves focus from `from`, in rows of `columnCounts` cells; undefined when it is not a grid key. */
export function gridMove(key: Key, from: GridPosition, columnCounts: readonly number[], dir: 'ltr' | 'rtl'): GridPosition | undefined {
  if (columnCounts.length === 0 || key.altKey || key.shiftKey) return undefined;
  const lastRow = columnCounts.length - 1;
  const lastColumnOf = (row: number) => columnCounts[row]! - 1;
  const at = (row: number, column: number): GridPosition => {
    const clampedRow = Math.max(0, Math.min(lastRow, row));
    return { row: clampedRow, column: Math.max(0, Math.min(lastColumnOf(clampedRow), column)) };
  };
  const chord = key.ctrlKey || key.metaKey;
  const forward = dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
  const backward = dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
  switch (key.key) {
    case forward:
      return chord ? undefined : at(from.row, from.column + 1);
    case backward:
      return chord ? undefined : at(from.row, from.column - 1);
    case 'ArrowDown':
      return chord ? undefined : at(from.row + 1, from.column);
    case 'ArrowUp':
      return chord ? undefined : at(from.row - 1, from.column);
    case 'Home':
      return chord ? at(0, 0) : at(from.row, 0);
    case 'End':
      return chord ? at(lastRow, lastColumnOf(lastRow)) : at(from.row, lastColumnOf(from.row));
    default:
      return undefined;
  }
}
