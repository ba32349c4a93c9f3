Console.WriteLine("notebook runner: not yet");
