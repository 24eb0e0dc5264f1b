/**
 * Charts written as PNG and SVG: the only package of lesde that uses XChart.
 *
 * <p>Two builders, plain arrays in, files out:
 * <ul>
 *   <li>{@link org.lesde.plot.LineChart}: XY charts with many line series, dashed lines,
 *       markers-only series, shaded bands (e.g. mean &plusmn; sd), labelled points (e.g. the
 *       vertices of a simplex ETF), optional logarithmic x and/or y axes, optional equal scale
 *       on both axes (measured on an off-screen layout), and per-series colour pinning (class k
 *       in colour k across series), near-black "ink" reference lines, line widths, marker shapes
 *       and legend hiding.</li>
 *   <li>{@link org.lesde.plot.HeatMap}: a rows x cols matrix (e.g. the K x K cosines between
 *       centred class means) with a colour scale.</li>
 * </ul>
 * Each {@code write(dir, basename)} writes {@code basename.png} and {@code basename.svg} into
 * {@code dir} (callers pass {@code AtomicOutput.dir()}) and returns both paths.
 *
 * <p>Missing values never fail a chart: a NaN or infinite coordinate, or a value {@code <= 0} on
 * a logarithmic axis, is skipped (a line series shows a gap there); a series with no valid point
 * is left out. Rendering is headless: {@code java.awt.headless} is set to {@code true} unless the
 * caller has set it already.
 */
package org.lesde.plot;
