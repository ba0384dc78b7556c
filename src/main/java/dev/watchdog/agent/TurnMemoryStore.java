package dev.watchdog.agent;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import java.util.List;

/**
 * The conversation store as one turn writes to it: once the turn is stopped, a tool loop still
 * running on another thread can no longer change the conversation behind the next turn's back.
 */
final class TurnMemoryStore implements ChatMemoryStore {

    private final ChatMemoryStore store;
    private final Turn turn;

    TurnMemoryStore(ChatMemoryStore store, Turn turn) {
        this.store = store;
        this.turn = turn;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return store.getMessages(memoryId);
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        // Checked and written under the turn's lock, so a stop either comes before the write or after it.
        synchronized (turn) {
            if (!turn.isStopped()) {
                store.updateMessages(memoryId, messages);
            }
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        synchronized (turn) {
            if (!turn.isStopped()) {
                store.deleteMessages(memoryId);
            }
        }
    }
}
