// nodemonitor-worker: started by NodeMonitor's PluginRunner, one process per plugin run.
// All of the logic lives in NodeMonitor.Execution so it is tested there; this stays an empty shell
// that references nothing heavy, to keep start-up fast.
return NodeMonitor.Execution.Hosting.WorkerProgram.Run(args);
