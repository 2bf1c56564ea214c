package dev.gatehouse;
public final class Main { public static void main(String[] a) {} }
