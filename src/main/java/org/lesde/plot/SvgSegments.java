package org.lesde.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

import de.erichseifert.vectorgraphics2d.intermediate.CommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.MutableCommandSequence;
import de.erichseifert.vectorgraphics2d.intermediate.commands.Command;
import de.erichseifert.vectorgraphics2d.intermediate.commands.CreateCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DisposeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.DrawShapeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetColorCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetCompositeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetPaintCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetStrokeCommand;
import de.erichseifert.vectorgraphics2d.intermediate.commands.SetXORModeCommand;

/**
 * Joins the segments XChart draws one by one into polylines before the SVG is written
 * (docs/performance.md): consecutive {@code draw(Line2D)} commands, each starting where the
 * previous one ended, with nothing between them but state commands that change nothing (XChart
 * sets the same stroke before every segment; those are dropped), become one {@code <path>} instead
 * of one {@code <line>} element each. Only where the drawing is unchanged by it: an opaque colour and a
 * solid stroke with round caps and round joins (the union of round-capped segments is the
 * round-joined polyline); dashed lines (whose dashes restart at every segment), translucent
 * colours (which would darken where segments overlap) and other strokes keep their segments. The
 * result depends only on the commands, so it is the same on every run.
 */
final class SvgSegments {
    private SvgSegments() {
    }

    static CommandSequence joined(CommandSequence commands) {
        MutableCommandSequence out = new MutableCommandSequence();
        boolean joinable = false; // the current stroke and colour allow joining (unknown: no)
        boolean strokeOk = false;
        boolean colourOk = false;
        Object stroke = null;
        Object colour = null;
        Path2D.Double path = null;
        int segments = 0;
        Line2D first = null;
        for (Command<?> c : commands) {
            if (c instanceof DrawShapeCommand d && joinable && d.getValue() instanceof Line2D line) {
                if (path != null && line.getP1().equals(path.getCurrentPoint())) {
                    path.lineTo(line.getX2(), line.getY2());
                    segments++;
                    continue;
                }
                flush(out, path, segments, first);
                path = new Path2D.Double();
                path.moveTo(line.getX1(), line.getY1());
                path.lineTo(line.getX2(), line.getY2());
                segments = 1;
                first = line;
                continue;
            }
            // XChart sets the same stroke (and colour) again before every segment: a state command
            // that changes nothing is dropped, so that it does not break the polyline
            if ((c instanceof SetStrokeCommand && c.getValue() != null && c.getValue().equals(stroke))
                    || (c instanceof SetColorCommand && c.getValue() != null && c.getValue().equals(colour))) {
                continue;
            }
            flush(out, path, segments, first);
            path = null;
            if (c instanceof SetStrokeCommand s) {
                stroke = s.getValue();
                strokeOk = s.getValue() instanceof BasicStroke b && b.getDashArray() == null
                        && b.getEndCap() == BasicStroke.CAP_ROUND && b.getLineJoin() == BasicStroke.JOIN_ROUND;
            } else if (c instanceof SetColorCommand s) {
                colour = s.getValue();
                colourOk = s.getValue() != null && s.getValue().getAlpha() == 255;
            } else if (c instanceof SetPaintCommand s) {
                colour = null;
                colourOk = s.getValue() instanceof Color col && col.getAlpha() == 255;
            } else if (c instanceof CreateCommand || c instanceof DisposeCommand || c instanceof SetCompositeCommand
                    || c instanceof SetXORModeCommand) {
                // a graphics state pushed or restored, or another way of painting: join nothing
                // (and drop no state command) until the stroke and the colour are set again
                stroke = null;
                colour = null;
                strokeOk = false;
                colourOk = false;
            }
            joinable = strokeOk && colourOk;
            out.add(c);
        }
        flush(out, path, segments, first);
        return out;
    }

    private static void flush(MutableCommandSequence out, Path2D.Double path, int segments, Line2D first) {
        if (path == null) {
            return;
        }
        Shape s = segments == 1 ? first : path;
        out.add(new DrawShapeCommand(s));
    }
}
