Console.WriteLine("mockexams");
