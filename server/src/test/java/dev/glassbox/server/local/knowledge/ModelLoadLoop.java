package dev.glassbox.server.local.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.io.IOException;

/** A JVM that creates the model's session again and again until it is stopped: the window a stop must not crash. */
final class ModelLoadLoop {
    private ModelLoadLoop() {
    }

    public static void main(String[] args) throws IOException, OrtException, InterruptedException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        byte[] model = MiniLmModel.modelBytes();
        System.out.println("loading");
        System.out.flush();
        try {
            while (true) {
                MiniLmModel.session(environment, model).close();
            }
        } catch (IllegalStateException stopping) {
            // A stop arrived during a load and is being delivered; like a server, wait for it to end the JVM.
            Thread.currentThread().join();
        }
    }
}
