while (true) { continue nowhere; }
