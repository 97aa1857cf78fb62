import ChiSoCLI

ChiSoCommand.runMain()
