// Fails during the init phase (module import), like a bad deployment.
throw new Error("init failed on purpose");
