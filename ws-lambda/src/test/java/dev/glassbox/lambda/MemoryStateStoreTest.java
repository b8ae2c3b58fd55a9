package dev.glassbox.lambda;

class MemoryStateStoreTest extends StateStoreContract {
    private final MemoryStateStore store = new MemoryStateStore();

    @Override
    StateStore store() {
        return store;
    }
}
