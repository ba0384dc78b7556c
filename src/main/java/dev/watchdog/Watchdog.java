package dev.watchdog;
public final class Watchdog { public static void main(String[] a) {} }
