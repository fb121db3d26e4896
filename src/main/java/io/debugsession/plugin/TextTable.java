package io.debugsession.plugin;

import java.util.ArrayList;
import java.util.List;

/** Columns separated by three spaces, left-aligned, no trailing blanks: kubectl's table layout. */
final class TextTable {

  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header) {
    rows.add(header);
  }

  void add(List<String> row) {
    rows.add(row.stream().map(c -> c == null || c.isEmpty() ? "<none>" : c).toList());
  }

  String render() {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row.get(i));
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
