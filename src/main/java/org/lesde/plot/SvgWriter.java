package org.lesde.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.color.ColorSpace;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import de.erichseifert.vectorgraphics2d.GraphicsState;
import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.AffineTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawImageCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawStringCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.FillShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Group;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetBackgroundCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetClipCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetCompositeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetFontCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetHintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetPaintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetTransformCommand;
import de.erichseifert.vectorgraphics2d.intermediate.filters.FillPaintedShapeAsImageFilter;
import de.erichseifert.vectorgraphics2d.intermediate.filters.StateChangeGroupingFilter;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.GraphicsUtils;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * Writes the SVG of a drawing recorded by VectorGraphics2D straight from its command list
 * (docs/performance.md, "Figures off the critical path"). It writes the same bytes as the
 * reference pipeline {@link #reference} — VectorGraphics2D 0.13's SVG processor (a DOM of one
 * element per command, every number through a shared {@code DecimalFormat}, serialised by an XSLT
 * identity transform) followed by {@link SvgCompact} (invisible elements dropped, numbers to
 * 1/10 px, runs of segments of one style joined, repeated outlines referenced) — without the
 * DOM, the transform, the formatter or the regular expressions, which were about two thirds of
 * the figures' time. It follows the processor's state machine command by command (the same
 * filters, the same {@link GraphicsState}, the same groups and clip paths) and formats numbers
 * as its formatter does ({@link #decimal}); what it does not know how to write (images, CMYK
 * colours, text that is not plain one-line XML text, a clip that is not a rectangle) sends the whole drawing
 * to the reference pipeline instead, so the output is the reference's in every case.
 * {@code SvgWriterTest} checks the bytes against the reference.
 */
final class SvgWriter {
    private static final String ROOT_OPEN = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n";
    /** Outlines shorter than this are not shared (as {@link SvgCompact}). */
    private static final int MIN_SHARED = 160;

    /** Thrown inside the writer for a drawing it leaves to the reference pipeline. */
    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /** A recorded drawing: VectorGraphics2D's commands (segments joined by {@link SvgSegments}) on a page of width × height. */
    record Drawing(CommandSequence commands, double width, double height) {
        /** Paints with {@code painter} into a fresh VectorGraphics2D and joins its segments. */
        static Drawing record(double width, double height, java.util.function.Consumer<java.awt.Graphics2D> painter) {
            de.erichseifert.vectorgraphics2d.VectorGraphics2D g = new de.erichseifert.vectorgraphics2d.VectorGraphics2D();
            painter.accept(g);
            return new Drawing(SvgSegments.joined(g.getCommands()), width, height);
        }
    }

    private final Deque<GraphicsState> states = new ArrayDeque<>();
    private final StringBuilder defs = new StringBuilder();
    private final StringBuilder body = new StringBuilder(1 << 16);
    private final Map<Integer, String> clips = new HashMap<>();
    private final Map<String, String> shared = new HashMap<>();
    private final Map<StyleKey, Style> styles = new HashMap<>();
    /** The current group: null while elements go to the root; its attributes once a group is started. */
    private String groupAttributes;
    private boolean groupOpen;
    // pending run of <line> elements of one style (SvgCompact's merge)
    private String runIndent;
    private String runStyle;
    private final StringBuilder runD = new StringBuilder();
    private String lastX;
    private String lastY;

    private SvgWriter() {
        states.push(new GraphicsState());
    }

    /**
     * The SVG of {@code commands} (a {@link Drawing}), as UTF-8 bytes: the reference
     * pipeline's bytes, written directly where the drawing allows it.
     */
    static byte[] svg(Drawing d) {
        byte[] direct = direct(d);
        return direct != null ? direct : reference(d);
    }

    /** The SVG written directly, or null for a drawing this writer leaves to {@link #reference}. */
    static byte[] direct(Drawing d) {
        try {
            return new SvgWriter().write(d.commands(), d.width(), d.height()).getBytes(StandardCharsets.UTF_8);
        } catch (Unsupported e) {
            return null;
        }
    }

    /** VectorGraphics2D's SVG of the drawing, made compact by {@link SvgCompact}, as UTF-8 bytes. */
    static byte[] reference(Drawing d) {
        CommandSequence commands = d.commands();
        double width = d.width();
        double height = d.height();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(commands, new PageSize(0.0, 0.0, width, height)).writeTo(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SvgCompact.compact(b.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    private String write(CommandSequence commands, double width, double height) {
        for (Command<?> c : new StateChangeGroupingFilter(new FillPaintedShapeAsImageFilter(commands))) {
            handle(c);
        }
        flushRun();
        if (groupOpen) {
            line("  ", "</g>");
        }
        StringBuilder out = new StringBuilder(body.length() + defs.length() + 512);
        out.append(ROOT_OPEN).append("<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\" height=\"")
                .append(decimal(height, 15)).append("px\" version=\"1.1\" viewBox=\"")
                .append(decimal(0.0, 15)).append(' ').append(decimal(0.0, 15)).append(' ')
                .append(decimal(width, 15)).append(' ').append(decimal(height, 15)).append("\" width=\"")
                .append(decimal(width, 15)).append("px\" x=\"").append(decimal(0.0, 15)).append("px\" y=\"")
                .append(decimal(0.0, 15)).append("px\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (defs.length() > 0) {
            out.append("  <defs>\n").append(defs).append("  </defs>\n");
        }
        return out.append(body).append("</svg>\n").toString();
    }

    private GraphicsState state() {
        return states.peek();
    }

    private void handle(Command<?> command) {
        if (command instanceof Group g) {
            @SuppressWarnings("unchecked")
            List<Command<?>> list = (List<Command<?>>) g.getValue();
            applyState(list);
            if (startsGroup(list)) {
                newGroup();
            }
        } else if (command instanceof DrawImageCommand) {
            throw new Unsupported("image");
        } else if (command instanceof DrawShapeCommand c) {
            shape(c.getValue(), false);
        } else if (command instanceof FillShapeCommand c) {
            shape(c.getValue(), true);
        } else if (command instanceof DrawStringCommand c) {
            text(c.getValue(), c.getX(), c.getY());
        }
    }

    /** As the processor's state handling: the state commands of a group, in order. */
    private void applyState(List<Command<?>> commands) {
        for (Command<?> command : commands) {
            GraphicsState state = state();
            if (command instanceof SetBackgroundCommand c) {
                state.setBackground(c.getValue());
            } else if (command instanceof SetClipCommand c) {
                state.setClip(c.getValue());
            } else if (command instanceof SetColorCommand c) {
                state.setColor(c.getValue());
            } else if (command instanceof SetCompositeCommand c) {
                state.setComposite(c.getValue());
            } else if (command instanceof SetFontCommand c) {
                state.setFont(c.getValue());
            } else if (command instanceof SetPaintCommand c) {
                state.setPaint(c.getValue());
            } else if (command instanceof SetStrokeCommand c) {
                state.setStroke(c.getValue());
            } else if (command instanceof SetTransformCommand c) {
                state.setTransform(c.getValue());
            } else if (command instanceof AffineTransformCommand c) {
                AffineTransform t = state.getTransform();
                t.concatenate(c.getValue());
                state.setTransform(t);
            } else if (command instanceof SetHintCommand c) {
                state.getHints().put(c.getKey(), c.getValue());
            } else if (command instanceof CreateCommand) {
                try {
                    states.push((GraphicsState) state.clone());
                } catch (CloneNotSupportedException e) {
                    throw new Unsupported("state");
                }
            } else if (command instanceof DisposeCommand) {
                states.pop();
            }
        }
    }

    private static boolean startsGroup(List<Command<?>> commands) {
        for (Command<?> c : commands) {
            if (c instanceof SetClipCommand || c instanceof SetTransformCommand || c instanceof AffineTransformCommand) {
                return true;
            }
        }
        return false;
    }

    /** A new {@code <g>}: written when its first element is (the processor adds a group to the root then). */
    private void newGroup() {
        flushRun();
        if (groupOpen) {
            line("  ", "</g>");
        }
        groupOpen = false;
        StringBuilder a = new StringBuilder();
        Shape clip = state().getClip();
        if (clip != GraphicsState.DEFAULT_CLIP) {
            if (!(clip instanceof Rectangle2D)) {
                // a clip that is no rectangle in user space (a rotated one) is a new Path2D on every
                // call, whose id is its identity hash code: nothing to reproduce
                throw new Unsupported("clip " + clip.getClass().getSimpleName());
            }
            a.append(" clip-path=\"url(#").append(clipId(clip)).append(")\"");
        }
        AffineTransform tx = state().getTransform();
        if (!GraphicsState.DEFAULT_TRANSFORM.equals(tx)) {
            a.append(" transform=\"").append(SvgCompact.roundValue(transform(tx))).append('"');
        }
        groupAttributes = a.toString();
    }

    private String clipId(Shape clip) {
        int h = clip.hashCode();
        String id = clips.get(h);
        if (id == null) {
            id = "clip" + h;
            clips.put(h, id);
            defs.append("    <clipPath id=\"").append(id).append("\">\n");
            defs.append("      ").append(element(clip, null)).append('\n');
            defs.append("    </clipPath>\n");
        }
        return id;
    }

    private static String transform(AffineTransform tx) {
        if (AffineTransform.getTranslateInstance(tx.getTranslateX(), tx.getTranslateY()).equals(tx)) {
            return "translate(" + decimal(tx.getTranslateX(), 15) + " " + decimal(tx.getTranslateY(), 15) + ")";
        }
        double[] m = new double[6];
        tx.getMatrix(m);
        StringBuilder b = new StringBuilder("matrix(");
        for (int i = 0; i < m.length; i++) {
            b.append(i > 0 ? " " : "").append(decimal(m[i], 15));
        }
        return b.append(')').toString();
    }

    /** The indentation of an element added now (and the group's opening line when it is its first). */
    private String indentForElement() {
        if (groupAttributes == null) {
            return "  ";
        }
        if (!groupOpen) {
            flushRun();
            line("  ", "<g" + groupAttributes + ">");
            groupOpen = true;
        }
        return "    ";
    }

    private void shape(Shape shape, boolean filled) {
        Style style = style(filled);
        String indent = indentForElement();
        if (style.invisible) {
            return; // SvgCompact drops it (and it does not end a run of segments)
        }
        if (shape instanceof Line2D l) {
            String x1 = compact(l.getX1(), false);
            String y1 = compact(l.getY1(), false);
            String x2 = compact(l.getX2(), false);
            String y2 = compact(l.getY2(), false);
            if (runStyle != null && !(runStyle.equals(style.rounded) && runIndent.equals(indent))) {
                flushRun();
            }
            if (runStyle == null) {
                runIndent = indent;
                runStyle = style.rounded;
                runD.setLength(0);
                lastX = null;
            }
            if (!(x1.equals(lastX) && y1.equals(lastY))) {
                runD.append(runD.length() == 0 ? "" : " ").append('M').append(x1).append(',').append(y1);
            }
            runD.append(" L").append(x2).append(',').append(y2);
            lastX = x2;
            lastY = y2;
            return;
        }
        flushRun();
        if (!(shape instanceof Rectangle2D || shape instanceof RoundRectangle2D || shape instanceof Ellipse2D)) {
            String d = pathData(shape);
            if (d.length() >= MIN_SHARED) {
                String key = style.rounded + '|' + d;
                String id = shared.get(key);
                if (id != null) {
                    line(indent, "<use xlink:href=\"#" + id + "\"/>");
                } else {
                    id = "s" + shared.size();
                    shared.put(key, id);
                    line(indent, "<path id=\"" + id + "\" d=\"" + d + "\" style=\"" + style.rounded + "\"/>");
                }
                return;
            }
            line(indent, "<path d=\"" + d + "\" style=\"" + style.rounded + "\"/>");
            return;
        }
        line(indent, element(shape, style.rounded));
    }

    /** The element of a rectangle, rounded rectangle, ellipse, line or path, numbers rounded; no style when {@code style} is null. */
    private static String element(Shape shape, String style) {
        StringBuilder e = new StringBuilder(96);
        if (shape instanceof Line2D s) {
            e.append("<line");
            style(e, style);
            attr(e, "x1", s.getX1());
            attr(e, "x2", s.getX2());
            attr(e, "y1", s.getY1());
            attr(e, "y2", s.getY2());
        } else if (shape instanceof Rectangle2D s) {
            e.append("<rect");
            attr(e, "height", s.getHeight());
            style(e, style);
            attr(e, "width", s.getWidth());
            attr(e, "x", s.getX());
            attr(e, "y", s.getY());
        } else if (shape instanceof RoundRectangle2D s) {
            e.append("<rect");
            attr(e, "height", s.getHeight());
            attr(e, "rx", s.getArcWidth() / 2.0);
            attr(e, "ry", s.getArcHeight() / 2.0);
            style(e, style);
            attr(e, "width", s.getWidth());
            attr(e, "x", s.getX());
            attr(e, "y", s.getY());
        } else if (shape instanceof Ellipse2D s) {
            e.append("<ellipse");
            attr(e, "cx", s.getCenterX());
            attr(e, "cy", s.getCenterY());
            attr(e, "rx", s.getWidth() / 2.0);
            attr(e, "ry", s.getHeight() / 2.0);
            style(e, style);
        } else {
            e.append("<path d=\"").append(pathData(shape)).append('"');
            style(e, style);
        }
        return e.append("/>").toString();
    }

    private static void attr(StringBuilder e, String name, double v) {
        e.append(' ').append(name).append("=\"").append(compact(v, false)).append('"');
    }

    /**
     * {@code x} as it ends up in the SVG: formatted as the processor formats it (its formatter, or
     * {@code Double.toString} where {@code javaToString}, as for a line-to's x), then rounded as
     * SvgCompact rounds it (half up on the decimal digits to 0.1, or to 0.01 below 1). Computed
     * from the double where the two roundings cannot disagree (1e-3 ≤ |x| < 1e5, not within 1e-6
     * of a tie); through the strings otherwise. {@code SvgWriterTest} compares both ways.
     */
    static String compact(double x, boolean javaToString) {
        double a = Math.abs(x);
        if (a >= 1e-3 && a < 1e5) {
            boolean small = a < 1;
            double t = a * (small ? 100 : 10);
            double fl = Math.floor(t);
            double f = t - fl;
            if (Math.abs(f - 0.5) > 1e-6) {
                long n = (long) fl + (f > 0.5 ? 1 : 0);
                return written(n, small ? 100 : 10, small ? 2 : 1, x < 0);
            }
        }
        return slowCompact(x, javaToString);
    }

    static String slowCompact(double x, boolean javaToString) {
        return SvgCompact.roundValue(javaToString ? Double.toString(x) : decimal(x, 15));
    }

    /** n / scale with its {@code digits} fraction digits, trailing zeros dropped; no "-0". */
    private static String written(long n, int scale, int digits, boolean negative) {
        long whole = n / scale;
        long frac = n % scale;
        if (n == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder(12);
        if (negative) {
            b.append('-');
        }
        b.append(whole);
        if (frac != 0) {
            b.append('.');
            if (digits == 2) {
                if (frac % 10 == 0) {
                    b.append(frac / 10);
                } else {
                    b.append(frac < 10 ? "0" : "").append(frac);
                }
            } else {
                b.append(frac);
            }
        }
        return b.toString();
    }

    private static void style(StringBuilder e, String style) {
        if (style != null) {
            e.append(" style=\"").append(style).append('"');
        }
    }

    /**
     * The processor's path data, each number as SvgCompact leaves it ({@link #compact}): its
     * move-to and curve coordinates formatted, its line-to x by {@code Double.toString}.
     */
    private static String pathData(Shape shape) {
        StringBuilder out = new StringBuilder(256);
        PathIterator it = shape.getPathIterator(null);
        double[] c = new double[6];
        for (int i = 0; !it.isDone(); i++, it.next()) {
            if (i > 0) {
                out.append(' ');
            }
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> out.append('M').append(compact(c[0], false)).append(',').append(compact(c[1], false));
                case PathIterator.SEG_LINETO -> out.append('L').append(compact(c[0], true)).append(',').append(compact(c[1], false));
                case PathIterator.SEG_CUBICTO -> out.append('C')
                        .append(compact(c[0], false)).append(',').append(compact(c[1], false)).append(' ')
                        .append(compact(c[2], false)).append(',').append(compact(c[3], false)).append(' ')
                        .append(compact(c[4], false)).append(',').append(compact(c[5], false));
                case PathIterator.SEG_QUADTO -> out.append('Q')
                        .append(compact(c[0], false)).append(',').append(compact(c[1], false)).append(' ')
                        .append(compact(c[2], false)).append(',').append(compact(c[3], false));
                case PathIterator.SEG_CLOSE -> out.append('Z');
                default -> throw new Unsupported("path segment");
            }
        }
        return out.toString();
    }

    private void text(String text, double x, double y) {
        flushRun();
        String indent = indentForElement();
        StringBuilder e = new StringBuilder(text.length() + 160);
        // SvgCompact leaves a <text> line as written: its numbers unrounded
        e.append("<text style=\"").append(escape(style(true).raw + font(state().getFont()), true))
                .append("\" x=\"").append(decimal(x, 15)).append("\" y=\"").append(decimal(y, 15)).append("\">")
                .append(escape(text, false)).append("</text>");
        line(indent, e.toString());
    }

    private String font(Font font) {
        if (GraphicsState.DEFAULT_FONT.equals(font)) {
            return "";
        }
        return FONTS.computeIfAbsent(font, f -> {
            StringBuilder out = new StringBuilder();
            if (!GraphicsState.DEFAULT_FONT.getFamily().equals(f.getFamily())) {
                out.append("font-family:\"").append(GraphicsUtils.getPhysicalFont(f).getFamily()).append("\";");
            }
            if (f.getSize2D() != GraphicsState.DEFAULT_FONT.getSize2D()) {
                out.append("font-size:").append(decimal(f.getSize2D(), 6)).append("px;");
            }
            if ((f.getStyle() & Font.ITALIC) != 0) {
                out.append("font-style:italic;");
            }
            if ((f.getStyle() & Font.BOLD) != 0) {
                out.append("font-weight:bold;");
            }
            return out.toString();
        });
    }

    /** XML escaping as the serialiser writes it: text in UTF-8; plain one-line text only. */
    private static String escape(String s, boolean attribute) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> attribute ? "&quot;" : null;
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || (c >= 0x80 && c <= 0x9f)) {
                        throw new Unsupported("character " + (int) c);
                    }
                    yield null;
                }
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        if (!attribute && s.isEmpty()) {
            throw new Unsupported("empty text");
        }
        return b == null ? s : b.toString();
    }

    private void line(String indent, String element) {
        body.append(indent).append(element).append('\n');
    }

    private void flushRun() {
        if (runStyle != null) {
            body.append(runIndent).append("<path d=\"").append(runD).append("\" style=\"").append(runStyle).append("\"/>\n");
            runStyle = null;
        }
    }

    private record StyleKey(boolean filled, Color colour, Stroke stroke) {
    }

    /** A style as the processor writes it ({@code raw}), whether SvgCompact drops it, and its numbers rounded. */
    private record Style(String raw, boolean invisible, String rounded) {
    }

    private Style style(boolean filled) {
        GraphicsState s = state();
        Color colour = s.getColor();
        Stroke stroke = filled ? null : s.getStroke();
        StyleKey key = new StyleKey(filled, colour, stroke);
        Style st = styles.get(key);
        if (st == null) {
            String raw = rawStyle(filled, colour, stroke);
            boolean noStroke = raw.contains("stroke:none") || raw.contains("stroke-opacity:0;");
            boolean noFill = raw.contains("fill:none") || raw.contains("fill-opacity:0;");
            st = new Style(raw, noStroke && noFill, SvgCompact.roundValue(escape(raw, true)));
            styles.put(key, st);
        }
        return st;
    }

    private static String rawStyle(boolean filled, Color color, Stroke stroke) {
        if (color.getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
            throw new Unsupported("CMYK colour");
        }
        String rgb = "rgb(" + color.getRed() + "," + color.getGreen() + "," + color.getBlue() + ")";
        String opacity = color.getAlpha() < 255 ? decimal(color.getAlpha() / 255.0, 15) : null;
        StringBuilder b = new StringBuilder(96);
        if (filled) {
            b.append("fill:").append(rgb).append(';');
            if (opacity != null) {
                b.append("fill-opacity:").append(opacity).append(';');
            }
            return b.append("stroke:none;").toString();
        }
        b.append("fill:none;stroke:").append(rgb).append(';');
        if (opacity != null) {
            b.append("stroke-opacity:").append(opacity).append(';');
        }
        if (stroke instanceof BasicStroke bs) {
            if (bs.getLineWidth() != 1f) {
                b.append("stroke-width:").append(decimal(bs.getLineWidth(), 6)).append(';');
            }
            if (bs.getMiterLimit() != 4f) {
                b.append("stroke-miterlimit:").append(decimal(bs.getMiterLimit(), 6)).append(';');
            }
            if (bs.getEndCap() != BasicStroke.CAP_BUTT) {
                b.append("stroke-linecap:").append(bs.getEndCap() == BasicStroke.CAP_ROUND ? "round" : "square").append(';');
            }
            if (bs.getLineJoin() != BasicStroke.JOIN_MITER) {
                b.append("stroke-linejoin:").append(bs.getLineJoin() == BasicStroke.JOIN_ROUND ? "round" : "bevel").append(';');
            }
            float[] dash = bs.getDashArray();
            if (dash != null) {
                b.append("stroke-dasharray:");
                for (int i = 0; i < dash.length; i++) {
                    b.append(i > 0 ? "," : "").append(decimal(dash[i], 6));
                }
                b.append(';');
                if (bs.getDashPhase() != 0f) {
                    b.append("stroke-dashoffset:").append(decimal(bs.getDashPhase(), 6)).append(';');
                }
            }
        }
        return b.toString();
    }

    /**
     * The style of each font as the processor writes it. Finding a logical font's physical family
     * lays out glyphs (it was half of the SVG writer's time when asked per text), and it depends
     * on the font alone: a memo shared by every figure.
     */
    private static final Map<Font, String> FONTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final ThreadLocal<DecimalFormat[]> FORMATS = ThreadLocal.withInitial(() -> new DecimalFormat[16]);

    /**
     * {@code x} as VectorGraphics2D 0.13 formats a number: {@code DecimalFormat("0")} with English
     * symbols and at most {@code maxFraction} fraction digits (15 for a double, 6 for a float),
     * rounding half even. The formatter rounds the shortest decimal that identifies the double
     * ({@code Double.toString}'s digits); so does this, on those digits, and it asks the formatter
     * itself for an exact tie and for a non-finite value.
     */
    static String decimal(double x, int maxFraction) {
        if (!Double.isFinite(x)) {
            return formatter(maxFraction).format(x);
        }
        String s = Double.toString(x);
        boolean negative = s.charAt(0) == '-';
        int start = negative ? 1 : 0;
        String intPart;
        String frac;
        int e = s.indexOf('E');
        if (e < 0) {
            int dot = s.indexOf('.');
            intPart = s.substring(start, dot);
            frac = s.substring(dot + 1);
        } else {
            String digits = s.substring(start, start + 1) + s.substring(start + 2, e);
            int point = 1 + Integer.parseInt(s.substring(e + 1));
            if (point <= 0) {
                intPart = "0";
                frac = "0".repeat(-point) + digits;
            } else if (point >= digits.length()) {
                intPart = digits + "0".repeat(point - digits.length());
                frac = "";
            } else {
                intPart = digits.substring(0, point);
                frac = digits.substring(point);
            }
        }
        if (frac.length() > maxFraction) {
            char cut = frac.charAt(maxFraction);
            boolean up;
            if (cut > '5') {
                up = true;
            } else if (cut < '5') {
                up = false;
            } else {
                boolean more = false;
                for (int i = maxFraction + 1; i < frac.length(); i++) {
                    more |= frac.charAt(i) != '0';
                }
                if (!more) {
                    return formatter(maxFraction).format(x); // an exact tie: the formatter's own rule
                }
                up = true;
            }
            char[] d = (intPart + frac.substring(0, maxFraction)).toCharArray();
            if (up) {
                d = SvgCompact.plusOne(d);
            }
            int intLen = d.length - maxFraction;
            intPart = new String(d, 0, intLen);
            frac = new String(d, intLen, maxFraction);
        }
        int end = frac.length();
        while (end > 0 && frac.charAt(end - 1) == '0') {
            end--;
        }
        StringBuilder b = new StringBuilder(intPart.length() + end + 2);
        if (negative) {
            b.append('-');
        }
        b.append(intPart);
        if (end > 0) {
            b.append('.').append(frac, 0, end);
        }
        return b.toString();
    }

    private static DecimalFormat formatter(int maxFraction) {
        DecimalFormat[] f = FORMATS.get();
        if (f[maxFraction] == null) {
            f[maxFraction] = new DecimalFormat("0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
            f[maxFraction].setMaximumFractionDigits(maxFraction);
        }
        return f[maxFraction];
    }
}
