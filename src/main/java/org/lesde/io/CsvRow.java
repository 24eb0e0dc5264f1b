package org.lesde.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of a CSV file whose first column is a number (the time), followed by
 * {@code labels.size()} text cells, then numbers (metrics.csv, comparison.csv): {@code values}
 * holds every column, NaN in the text columns. {@link #cells} is what the file holds: the first
 * column by {@link Double#toString}, the labels, then each number by {@link #cell} (an empty cell
 * for NaN). A reader of the file gets {@code values} back bit for bit (NaN for the text and empty
 * cells), since {@code Double.toString} is a round-trip form: {@code report.SimulationFolder} takes
 * these rows as they are instead of reading the file back.
 */
public record CsvRow(double[] values, List<String> labels) {
    public CsvRow {
        labels = List.copyOf(labels);
        if (values.length < 1 + labels.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " columns cannot hold the time and " + labels.size() + " labels");
        }
    }

    /** A number cell: empty for NaN, else {@link Double#toString}. */
    public static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The cells as written. */
    public List<String> cells() {
        List<String> c = new ArrayList<>(values.length);
        c.add(Double.toString(values[0]));
        c.addAll(labels);
        for (int i = 1 + labels.size(); i < values.length; i++) {
            c.add(cell(values[i]));
        }
        return c;
    }
}
