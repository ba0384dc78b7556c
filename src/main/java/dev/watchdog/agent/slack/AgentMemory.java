package dev.watchdog.agent.slack;

import dev.watchdog.agent.PastIncidents;

/** What the investigator gets from the incident memory: earlier incidents, and a say on each diagnosis. */
public record AgentMemory(PastIncidents pastIncidents, DiagnosisHook diagnoses) {

    public static final AgentMemory NONE = new AgentMemory(PastIncidents.NONE, DiagnosisHook.NONE);
}
