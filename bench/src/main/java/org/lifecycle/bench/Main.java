package org.lifecycle.bench;

import java.util.Arrays;
import java.util.List;

import org.lifecycle.bench.http.IngestionException;
import org.lifecycle.bench.load.IngestionBenchmarkCommand;
import org.lifecycle.bench.replay.ReplayCommand;
import org.lifecycle.bench.segmentation.SegmentationBenchmarkCommand;

/** {@code java -jar bench.jar replay|ingestion|segmentation [options]}: see bench/README.md. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(ReplayCommand.USAGE);
            System.out.println();
            System.out.println(IngestionBenchmarkCommand.USAGE);
            System.out.println();
            System.out.println(SegmentationBenchmarkCommand.USAGE);
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "replay" -> ReplayCommand.run(rest);
                case "ingestion" -> IngestionBenchmarkCommand.run(rest);
                case "segmentation" -> SegmentationBenchmarkCommand.run(rest);
                default -> throw new IllegalArgumentException(
                        "unknown command " + args[0] + " (replay, ingestion, segmentation)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("run with --help for the options");
            System.exit(2);
        } catch (IngestionException e) {
            System.err.println();
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }
}
